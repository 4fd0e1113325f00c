using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using NordicIoT.Device.Ota;
using NordicIoT.Device.Ota.AppSets;

namespace NordicIoT.Device.App.Board
{
    /// <summary>The board's <see cref="IHttpRangeClient"/>: one ranged GET per call with nanoFramework's HttpWebRequest, over HTTPS or plain HTTP.</summary>
    /// <remarks>
    /// <para>HttpWebRequest never follows redirects itself, so this does: the cloud answers a file kept in S3 with a 307 to a
    /// presigned URL, which is asked again with the same Range but without the Authorization header (S3 refuses a request
    /// that carries a Bearer token beside its own signature). Each call asks the cloud first, so the token gates every range.</para>
    /// <para>The body is read straight into the caller's buffer. Every call opens its own connection (Connection: close):
    /// the library closes the socket with the response anyway, so a kept-alive pool would only hold dead sockets.</para>
    /// </remarks>
    public sealed class NanoHttpRangeClient : IHttpRangeClient
    {
        /// <summary>Most redirects followed for one range before the answer counts as a refusal.</summary>
        public const int MaxRedirects = 3;

        private const string HttpsScheme = "https://";
        private const string HttpScheme = "http://";

        private readonly X509Certificate _trustedCa;
        private readonly int _timeoutMilliseconds;

        /// <summary>Trusts the CA certificates in <paramref name="trustedCaPem"/> (one or more, PEM) for https:// URLs; each request and each body read may take <paramref name="timeoutMilliseconds"/>.</summary>
        public NanoHttpRangeClient(string trustedCaPem, int timeoutMilliseconds)
        {
            if (timeoutMilliseconds < 1000)
            {
                throw new ArgumentOutOfRangeException(nameof(timeoutMilliseconds), "a download timeout under 1 s cannot cover a TLS handshake");
            }

            try
            {
                _trustedCa = new X509Certificate(trustedCaPem);
            }
            catch (Exception e)
            {
                throw new ArgumentException("the download CA certificates are not PEM: " + e.Message);
            }

            _timeoutMilliseconds = timeoutMilliseconds;
        }

        /// <inheritdoc/>
        public int Get(string url, string bearerToken, long start, byte[] buffer, int offset, int count, out long totalSize)
        {
            if (buffer == null || count < 1 || offset < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "offset and count do not fit the buffer");
            }

            if (start < 0 || start + count - 1 > int.MaxValue)
            {
                // HttpWebRequest.AddRange takes int; no application set comes near 2 GB.
                throw new DownloadRefusedException(0, "bytes " + start.ToString() + ".. of " + url + " are beyond what a ranged GET here can ask for");
            }

            string target = url;
            string token = bearerToken;
            for (int redirects = 0; ; redirects++)
            {
                HttpWebResponse response = Send(target, token, (int)start, (int)(start + count - 1));
                try
                {
                    int status = (int)response.StatusCode;
                    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                    {
                        string location = response.Headers["Location"];
                        if (redirects == MaxRedirects || location == null || location.Length == 0)
                        {
                            throw new DownloadRefusedException(status, "HTTP " + status.ToString() + " for " + target + (redirects == MaxRedirects ? " after " + MaxRedirects.ToString() + " redirects" : " without a Location"));
                        }

                        target = Resolve(target, location);

                        // The redirect target (a presigned store URL) carries its own credentials.
                        token = null;
                        continue;
                    }

                    if (status != 206)
                    {
                        throw new DownloadRefusedException(status, "HTTP " + status.ToString() + " " + response.StatusDescription + " for " + target);
                    }

                    long to;
                    string range = response.Headers["Content-Range"];
                    if (!ParseContentRange(range, start, out to, out totalSize))
                    {
                        throw new DownloadRefusedException(status, target + " answered 206 without a usable Content-Range for bytes " + start.ToString() + "- (got '" + range + "')");
                    }

                    int expected = (int)Math.Min(count, to - start + 1);
                    int received = ReadBody(response, buffer, offset, expected, target);
                    if (received < expected)
                    {
                        throw new DownloadTransportException("the connection closed after " + received.ToString() + " of " + expected.ToString() + " bytes from " + target);
                    }

                    return received;
                }
                finally
                {
                    response.Close();
                }
            }
        }

        /// <summary>Reads "bytes FROM-TO/TOTAL"; true when FROM is <paramref name="start"/>, TO is not before it and TOTAL is a number.</summary>
        public static bool ParseContentRange(string header, long start, out long to, out long total)
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

        /// <summary>The absolute URL a Location header points to, relative to <paramref name="current"/>.</summary>
        public static string Resolve(string current, string location)
        {
            if (location.StartsWith(HttpsScheme) || location.StartsWith(HttpScheme))
            {
                return location;
            }

            if (location.Length > 1 && location[0] == '/' && location[1] != '/')
            {
                int hostStart = current.IndexOf("://") + 3;
                int pathStart = current.IndexOf('/', hostStart);
                return (pathStart < 0 ? current : current.Substring(0, pathStart)) + location;
            }

            throw new DownloadRefusedException(0, "a redirect from " + current + " to '" + location + "' is neither an http(s) URL nor an absolute path");
        }

        private HttpWebResponse Send(string url, string bearerToken, int from, int to)
        {
            bool secure = url.StartsWith(HttpsScheme);
            if (!secure && !url.StartsWith(HttpScheme))
            {
                throw new DownloadRefusedException(0, url + " is neither an http:// nor an https:// URL");
            }

            HttpWebRequest request;
            try
            {
                request = (HttpWebRequest)WebRequest.Create(url);
            }
            catch (Exception e)
            {
                throw new DownloadRefusedException(0, url + " is not a usable URL: " + e.Message);
            }

            request.Method = "GET";
            request.KeepAlive = false;
            request.Timeout = _timeoutMilliseconds;
            request.ReadWriteTimeout = _timeoutMilliseconds;
            request.AddRange(from, to);
            if (bearerToken != null && bearerToken.Length > 0)
            {
                request.Headers.Add("Authorization", "Bearer " + bearerToken);
            }

            if (secure)
            {
                request.HttpsAuthentCert = _trustedCa;
                request.SslProtocols = SslProtocols.Tls12;
            }

            try
            {
                return (HttpWebResponse)request.GetResponse();
            }
            catch (Exception e)
            {
                // GetResponse wraps every failure (DNS, connect, TLS handshake, timeout, a broken status line) in a WebException.
                request.Dispose();
                throw new DownloadTransportException("GET " + url + " failed: " + e.Message, e);
            }
        }

        private static int ReadBody(HttpWebResponse response, byte[] buffer, int offset, int count, string url)
        {
            int received = 0;
            try
            {
                Stream body = response.GetResponseStream();
                while (received < count)
                {
                    int read = body.Read(buffer, offset + received, count - received);
                    if (read <= 0)
                    {
                        break;
                    }

                    received += read;
                }
            }
            catch (Exception e)
            {
                throw new DownloadTransportException("the body from " + url + " broke off after " + received.ToString() + " bytes: " + e.Message, e);
            }

            return received;
        }
    }
}
