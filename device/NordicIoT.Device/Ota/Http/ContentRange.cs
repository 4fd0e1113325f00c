using NordicIoT.Device.Ota.AppSets;

namespace NordicIoT.Device.Ota.Http
{
    /// <summary>The Content-Range header of a 206 answer: "bytes FROM-TO/TOTAL".</summary>
    public static class ContentRange
    {
        /// <summary>True when <paramref name="header"/> is "bytes FROM-TO/TOTAL" with FROM = <paramref name="start"/>, TO not before it and TOTAL past TO.</summary>
        public static bool Parse(string header, long start, out long to, out long total)
        {
            to = -1;
            total = -1;
            if (header == null || !header.StartsWith("bytes "))
            {
                return false;
            }

            string value = header.Substring(6).Trim();
            int dash = value.IndexOf('-');
            int slash = value.IndexOf('/');
            if (dash < 1 || slash < dash + 2)
            {
                return false;
            }

            long from = TextFile.ParseCount(value.Substring(0, dash));
            to = TextFile.ParseCount(value.Substring(dash + 1, slash - dash - 1));
            total = TextFile.ParseCount(value.Substring(slash + 1));
            return from == start && to >= from && total > to;
        }
    }
}
