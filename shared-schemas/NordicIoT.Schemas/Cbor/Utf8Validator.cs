namespace NordicIoT.Schemas.Cbor
{
    /// <summary>Strict UTF-8 checking (RFC 3629): no overlongs, no surrogates, nothing above U+10FFFF, no cut sequences.</summary>
    internal static class Utf8Validator
    {
        /// <summary>The index of the first byte that starts an invalid sequence, or -1 if the range is valid UTF-8.</summary>
        internal static int FindInvalid(byte[] data, int offset, int length)
        {
            int end = offset + length;
            int i = offset;
            while (i < end)
            {
                int lead = data[i];
                if (lead < 0x80)
                {
                    i++;
                    continue;
                }

                // The second byte's range is where overlongs (E0, F0), surrogates (ED) and
                // code points above U+10FFFF (F4) are excluded; later bytes are plain continuations.
                int continuations;
                int secondMin = 0x80;
                int secondMax = 0xbf;
                if (lead >= 0xc2 && lead <= 0xdf)
                {
                    continuations = 1;
                }
                else if (lead >= 0xe0 && lead <= 0xef)
                {
                    continuations = 2;
                    if (lead == 0xe0)
                    {
                        secondMin = 0xa0;
                    }
                    else if (lead == 0xed)
                    {
                        secondMax = 0x9f;
                    }
                }
                else if (lead >= 0xf0 && lead <= 0xf4)
                {
                    continuations = 3;
                    if (lead == 0xf0)
                    {
                        secondMin = 0x90;
                    }
                    else if (lead == 0xf4)
                    {
                        secondMax = 0x8f;
                    }
                }
                else
                {
                    return i;
                }

                if (end - i <= continuations)
                {
                    return i;
                }

                int second = data[i + 1];
                if (second < secondMin || second > secondMax)
                {
                    return i;
                }

                for (int k = 2; k <= continuations; k++)
                {
                    if ((data[i + k] & 0xc0) != 0x80)
                    {
                        return i;
                    }
                }

                i += continuations + 1;
            }

            return -1;
        }
    }
}
