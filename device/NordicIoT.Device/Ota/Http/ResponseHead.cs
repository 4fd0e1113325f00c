using System.Text;

namespace NordicIoT.Device.Ota.Http
{
    /// <summary>The status line and the headers a range download needs, read from an HTTP/1.x answer's header block.</summary>
    /// <remarks>Reused for every answer: only Content-Range and Location become strings; the rest is read from the bytes.</remarks>
    internal sealed class ResponseHead
    {
        private byte[] _block;
        private int _reasonStart;
        private int _reasonLength;

        /// <summary>The status code.</summary>
        public int Status { get; private set; }

        /// <summary>Content-Length, or -1 when absent.</summary>
        public long ContentLength { get; private set; }

        /// <summary>Content-Range, or null.</summary>
        public string ContentRange { get; private set; }

        /// <summary>Location, or null.</summary>
        public string Location { get; private set; }

        /// <summary>The server will not take another request on this connection (Connection: close, or HTTP/1.0).</summary>
        public bool CloseAfter { get; private set; }

        /// <summary>A Transfer-Encoding other than identity (chunked) frames the body.</summary>
        public bool Encoded { get; private set; }

        /// <summary>The status line's reason phrase (a new string; for messages only).</summary>
        public string Reason
        {
            get { return Encoding.UTF8.GetString(_block, _reasonStart, _reasonLength); }
        }

        /// <summary>Reads the header block in <paramref name="block"/>[0, <paramref name="length"/>), which ends with an empty line.</summary>
        /// <exception cref="DownloadRefusedException">The block is not an HTTP/1.x answer (status 0), or a header this client relies on is malformed.</exception>
        public void Parse(byte[] block, int length, string url)
        {
            _block = block;
            ContentLength = -1;
            ContentRange = null;
            Location = null;
            Encoded = false;
            int lineEnd = LineEnd(block, 0, length);

            // "HTTP/1.x NNN reason": anything else is not an answer this client can read.
            if (lineEnd < 12 || !Matches(block, 0, "http/1.") || block[7] < '0' || block[7] > '9' || block[8] != ' '
                || !IsDigit(block[9]) || !IsDigit(block[10]) || !IsDigit(block[11]) || (lineEnd > 12 && block[12] != ' '))
            {
                throw new DownloadRefusedException(0, url + " did not answer with an HTTP/1.x status line (got '" + Printable(block, lineEnd) + "')");
            }

            Status = ((block[9] - '0') * 100) + ((block[10] - '0') * 10) + (block[11] - '0');
            _reasonStart = lineEnd > 12 ? 13 : 12;
            _reasonLength = lineEnd - _reasonStart;
            CloseAfter = block[7] == '0';
            int line = lineEnd + 2;
            while (line < length)
            {
                lineEnd = LineEnd(block, line, length);
                if (lineEnd == line)
                {
                    return;
                }

                int colon = line;
                while (colon < lineEnd && block[colon] != ':')
                {
                    colon++;
                }

                if (colon == lineEnd || colon == line)
                {
                    throw new DownloadRefusedException(Status, url + " sent a header line without a name and a colon: '" + Printable(block, lineEnd, line) + "'");
                }

                int value = colon + 1;
                while (value < lineEnd && (block[value] == ' ' || block[value] == '\t'))
                {
                    value++;
                }

                int valueEnd = lineEnd;
                while (valueEnd > value && (block[valueEnd - 1] == ' ' || block[valueEnd - 1] == '\t'))
                {
                    valueEnd--;
                }

                Take(block, line, colon, value, valueEnd, url);
                line = lineEnd + 2;
            }
        }

        private void Take(byte[] block, int name, int colon, int value, int valueEnd, string url)
        {
            int nameLength = colon - name;
            if (IsName(block, name, nameLength, "content-length"))
            {
                ContentLength = Number(block, value, valueEnd);
                if (ContentLength < 0)
                {
                    throw new DownloadRefusedException(Status, url + " sent a Content-Length that is not a number: '" + Printable(block, valueEnd, value) + "'");
                }
            }
            else if (IsName(block, name, nameLength, "content-range"))
            {
                ContentRange = Encoding.UTF8.GetString(block, value, valueEnd - value);
            }
            else if (IsName(block, name, nameLength, "location"))
            {
                Location = Encoding.UTF8.GetString(block, value, valueEnd - value);
            }
            else if (IsName(block, name, nameLength, "connection"))
            {
                CloseAfter = Contains(block, value, valueEnd, "close") || (CloseAfter && !Contains(block, value, valueEnd, "keep-alive"));
            }
            else if (IsName(block, name, nameLength, "transfer-encoding"))
            {
                Encoded = !(valueEnd - value == 8 && Matches(block, value, "identity"));
            }
        }

        // Where the line starting at start ends (the index of its CR LF); a header block always ends with CR LF CR LF.
        private static int LineEnd(byte[] block, int start, int length)
        {
            int i = start;
            while (i + 1 < length && !(block[i] == '\r' && block[i + 1] == '\n'))
            {
                i++;
            }

            return i;
        }

        private static bool IsName(byte[] block, int start, int length, string lowerName)
        {
            return length == lowerName.Length && Matches(block, start, lowerName);
        }

        // ASCII case-insensitive comparison with a lower-case constant.
        private static bool Matches(byte[] block, int start, string lower)
        {
            for (int i = 0; i < lower.Length; i++)
            {
                int b = block[start + i];
                if (b >= 'A' && b <= 'Z')
                {
                    b += 'a' - 'A';
                }

                if (b != lower[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static bool Contains(byte[] block, int start, int end, string lower)
        {
            for (int i = start; i + lower.Length <= end; i++)
            {
                if (Matches(block, i, lower))
                {
                    return true;
                }
            }

            return false;
        }

        private static long Number(byte[] block, int start, int end)
        {
            if (end == start || end - start > 18)
            {
                return -1;
            }

            long value = 0;
            for (int i = start; i < end; i++)
            {
                if (!IsDigit(block[i]))
                {
                    return -1;
                }

                value = (value * 10) + (block[i] - '0');
            }

            return value;
        }

        private static bool IsDigit(byte b)
        {
            return b >= '0' && b <= '9';
        }

        // At most 60 bytes of what came, non-printable bytes as '?', for a message people can read.
        private static string Printable(byte[] block, int end, int start = 0)
        {
            int length = end - start > 60 ? 60 : end - start;
            char[] text = new char[length];
            for (int i = 0; i < length; i++)
            {
                byte b = block[start + i];
                text[i] = b >= 0x20 && b < 0x7F ? (char)b : '?';
            }

            return new string(text);
        }
    }
}
