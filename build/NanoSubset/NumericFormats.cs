namespace NordicIoT.NanoSubset
{
    /// <summary>The numeric format strings nanoFramework's native number formatter handles.</summary>
    internal static class NumericFormats
    {
        /// <summary>True for "" and for D, F, G, N or X (either case) followed by an optional precision.</summary>
        public static bool IsSupported(string format)
        {
            if (format.Length == 0)
            {
                return true;
            }

            if ("DdFfGgNnXx".IndexOf(format[0]) < 0)
            {
                return false;
            }

            for (var i = 1; i < format.Length; i++)
            {
                if (format[i] < '0' || format[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
