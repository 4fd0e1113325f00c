using NordicIoT.Device.Ota.AppSets;

namespace NordicIoT.Device.Ota.Http
{
    /// <summary>An http:// or https:// URL taken apart for a request: where to connect, what to put in Host, and the path with its query.</summary>
    internal sealed class HttpTarget
    {
        private const string HttpsScheme = "https://";
        private const string HttpScheme = "http://";

        /// <summary>The URL as given.</summary>
        public string Url { get; private set; }

        /// <summary>True for https://.</summary>
        public bool Tls { get; private set; }

        /// <summary>The host to connect to (an IPv6 literal without its brackets).</summary>
        public string Host { get; private set; }

        /// <summary>The port, from the URL or the scheme's default.</summary>
        public int Port { get; private set; }

        /// <summary>The Host header: the URL's authority as written.</summary>
        public string Authority { get; private set; }

        /// <summary>The request target: path and query exactly as in the URL ("/" when the URL has no path), without a fragment.</summary>
        public string PathAndQuery { get; private set; }

        private int _authorityEnd;

        /// <summary>Takes <paramref name="url"/> apart; a URL this client cannot ask is a refusal (retrying it will not help).</summary>
        public void Parse(string url)
        {
            Url = null;
            int authorityStart;
            if (StartsWithIgnoringCase(url, HttpsScheme))
            {
                Tls = true;
                authorityStart = HttpsScheme.Length;
            }
            else if (StartsWithIgnoringCase(url, HttpScheme))
            {
                Tls = false;
                authorityStart = HttpScheme.Length;
            }
            else
            {
                throw new DownloadRefusedException(0, url + " is neither an http:// nor an https:// URL");
            }

            int end = authorityStart;
            while (end < url.Length && url[end] != '/' && url[end] != '?' && url[end] != '#')
            {
                end++;
            }

            string authority = url.Substring(authorityStart, end - authorityStart);
            if (authority.Length == 0 || authority.IndexOf('@') >= 0)
            {
                throw new DownloadRefusedException(0, url + " has no host, or user information this client does not send");
            }

            int portColon;
            if (authority[0] == '[')
            {
                int close = authority.IndexOf(']');
                if (close < 2)
                {
                    throw new DownloadRefusedException(0, url + " has an unclosed IPv6 address");
                }

                Host = authority.Substring(1, close - 1);
                portColon = close + 1 < authority.Length ? close + 1 : -1;
                if (portColon > 0 && authority[portColon] != ':')
                {
                    throw new DownloadRefusedException(0, url + " has something other than a port after its IPv6 address");
                }
            }
            else
            {
                portColon = authority.IndexOf(':');
                Host = portColon < 0 ? authority : authority.Substring(0, portColon);
            }

            if (portColon < 0)
            {
                Port = Tls ? 443 : 80;
            }
            else
            {
                long port = TextFile.ParseCount(authority.Substring(portColon + 1));
                if (port < 1 || port > 65535 || Host.Length == 0)
                {
                    throw new DownloadRefusedException(0, url + " has no host or no port from 1 to 65535");
                }

                Port = (int)port;
            }

            int fragment = url.IndexOf('#', end);
            int pathEnd = fragment < 0 ? url.Length : fragment;
            if (end == pathEnd)
            {
                PathAndQuery = "/";
            }
            else
            {
                // The query goes out byte for byte: a presigned URL's signature covers it as written.
                string rest = url.Substring(end, pathEnd - end);
                PathAndQuery = rest[0] == '?' ? "/" + rest : rest;
            }

            Authority = authority;
            _authorityEnd = end;
            Url = url;
        }

        /// <summary>The absolute URL a Location header points to: an http(s) URL as it is, an absolute path on this URL's scheme, host and port.</summary>
        public string Resolve(string location)
        {
            if (StartsWithIgnoringCase(location, HttpsScheme) || StartsWithIgnoringCase(location, HttpScheme))
            {
                return location;
            }

            if (location.Length > 1 && location[0] == '/' && location[1] != '/')
            {
                return Url.Substring(0, _authorityEnd) + location;
            }

            throw new DownloadRefusedException(0, "a redirect from " + Url + " to '" + location + "' is neither an http(s) URL nor an absolute path");
        }

        private static bool StartsWithIgnoringCase(string text, string lowerPrefix)
        {
            if (text.Length < lowerPrefix.Length)
            {
                return false;
            }

            for (int i = 0; i < lowerPrefix.Length; i++)
            {
                char c = text[i];
                if (c >= 'A' && c <= 'Z')
                {
                    c = (char)(c + ('a' - 'A'));
                }

                if (c != lowerPrefix[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
