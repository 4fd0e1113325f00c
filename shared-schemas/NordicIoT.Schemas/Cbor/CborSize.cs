namespace NordicIoT.Schemas.Cbor
{
    /// <summary>Sizes of CBOR items in preferred serialization, for planning an encoding before writing it.</summary>
    public static class CborSize
    {
        /// <summary>Bytes of a head (initial byte plus argument) carrying <paramref name="argument"/>.</summary>
        public static int Head(ulong argument)
        {
            if (argument < 24)
            {
                return 1;
            }

            if (argument <= 0xFF)
            {
                return 2;
            }

            if (argument <= 0xFFFF)
            {
                return 3;
            }

            return argument <= 0xFFFFFFFF ? 5 : 9;
        }

        /// <summary>Bytes of an integer item (major type 0 or 1).</summary>
        public static int Int(long value)
        {
            return value >= 0 ? Head((ulong)value) : Head((ulong)(-1 - value));
        }
    }
}
