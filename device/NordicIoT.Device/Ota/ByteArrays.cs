namespace NordicIoT.Device.Ota
{
    /// <summary>Byte-array comparison for digests, signatures and manifests.</summary>
    public static class ByteArrays
    {
        /// <summary>True when both arrays hold the same bytes.</summary>
        public static bool Equal(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
