using System;

namespace NordicIoT.Device.Ota.Http
{
    /// <summary>An <see cref="IHttpRangeClient"/> that speaks HTTP/1.1 itself and keeps its connection open between ranges, so a download costs one TCP connection and one TLS handshake, not one per fragment.</summary>
    /// <remarks>
    /// <para>One connection, for the scheme, host and port of the last request: a request elsewhere (a redirect to the
    /// store), an answer with Connection: close, or any error closes it, and the next request opens a new one. A request
    /// on a kept connection the server closed meanwhile (idle timeout) is sent once more on a new one, as GET may be.</para>
    /// <para>The request is GET, Host, Range and, with a token, Authorization: nothing else, since every byte is paid for on
    /// a cellular link. Redirects (301, 302, 303, 307, 308) are followed at most <see cref="MaxRedirects"/> times with the
    /// same Range and without the token: the cloud sends a file kept in S3 to a presigned URL, and S3 refuses a request
    /// that carries a Bearer token beside its own signature.</para>
    /// <para>The URL a range was redirected to and served from is asked directly for the next ranges of the same URL: going
    /// through the cloud each time would cost a request, a redirect and, as the two hosts alternate on one connection,
    /// two TLS handshakes per range. The presigned URL is itself the permission (the cloud gives it only for the token,
    /// for minutes). Any other answer from it (403 once it expired) sends that range through the caller's URL again; a
    /// failure, a new URL or <see cref="Close"/> forgets it.</para>
    /// <para>RAM: one <see cref="HeadBytes"/> buffer, for the request and then the answer's header block; the body goes
    /// straight into the caller's buffer. A call allocates only the Content-Range and Location values and, after a
    /// redirect, the new URL's parts.</para>
    /// <para>One caller thread at a time, as the OTA agent calls it.</para>
    /// </remarks>
    public sealed class KeepAliveRangeClient : IHttpRangeClient
    {
        /// <summary>Most redirects followed for one range before the answer counts as a refusal.</summary>
        public const int MaxRedirects = 3;

        /// <summary>Largest request and largest answer header block, in bytes (a presigned URL with a session token fits).</summary>
        public const int HeadBytes = 4096;

        private readonly IStreamConnector _connector;
        private readonly byte[] _head = new byte[HeadBytes];
        private readonly HttpTarget _asked = new HttpTarget();
        private HttpTarget _redirected = new HttpTarget();
        private HttpTarget _direct = new HttpTarget();
        private bool _haveDirect;
        private readonly ResponseHead _answer = new ResponseHead();
        private IByteStream _stream;
        private bool _streamTls;
        private string _streamHost;
        private int _streamPort;
        private int _filled;
        private int _headLength;

        /// <summary>Opens connections through <paramref name="connector"/>, which also sets their timeouts.</summary>
        public KeepAliveRangeClient(IStreamConnector connector)
        {
            if (connector == null)
            {
                throw new ArgumentNullException(nameof(connector));
            }

            _connector = connector;
        }

        /// <inheritdoc/>
        public int Get(string url, string bearerToken, long start, byte[] buffer, int offset, int count, out long totalSize)
        {
            if (url == null || buffer == null || count < 1 || offset < 0 || offset > buffer.Length - count || start < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "a URL, a start from 0 and an offset and count that fit the buffer are needed");
            }

            totalSize = -1;
            if (_asked.Url != url)
            {
                _haveDirect = false;
                _asked.Parse(url);
            }

            long end = start + count - 1;
            if (_haveDirect)
            {
                // Forgotten until this range came whole from it, so a failure sends the next one through the caller's URL.
                _haveDirect = false;
                Ask(_direct, null, start, end);
                if (_answer.Status == 206)
                {
                    int served = ReadRange(_direct.Url, start, buffer, offset, count, out totalSize);
                    _haveDirect = true;
                    return served;
                }

                SkipBody();
            }

            HttpTarget target = _asked;
            string token = bearerToken;
            for (int redirects = 0; ; redirects++)
            {
                Ask(target, token, start, end);
                int status = _answer.Status;
                if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                {
                    string location = _answer.Location;
                    SkipBody();
                    if (redirects == MaxRedirects || location == null || location.Length == 0)
                    {
                        throw new DownloadRefusedException(status, "HTTP " + status.ToString() + " for " + target.Url + (location == null || location.Length == 0 ? " without a Location" : " after " + MaxRedirects.ToString() + " redirects"));
                    }

                    _redirected.Parse(target.Resolve(location));
                    target = _redirected;

                    // The redirect target (a presigned store URL) carries its own credentials.
                    token = null;
                    continue;
                }

                if (status != 206)
                {
                    string reason = _answer.Reason;
                    SkipBody();
                    throw new DownloadRefusedException(status, "HTTP " + status.ToString() + " " + reason + " for " + target.Url);
                }

                int read = ReadRange(target.Url, start, buffer, offset, count, out totalSize);
                if (target == _redirected)
                {
                    _redirected = _direct;
                    _direct = target;
                    _haveDirect = true;
                }

                return read;
            }
        }

        /// <summary>Closes the kept connection, if any, and forgets a redirect target (at the end of a download, so an idle device holds no socket); the next call opens a new one.</summary>
        public void Close()
        {
            _haveDirect = false;
            CloseStream();
        }

        private void CloseStream()
        {
            if (_stream != null)
            {
                IByteStream stream = _stream;
                _stream = null;
                stream.Close();
            }
        }

        // Sends the request and reads the answer's header block into _head.
        private void Ask(HttpTarget target, string token, long from, long to)
        {
            for (int attempt = 0; ; attempt++)
            {
                int length = WriteRequest(target, token, from, to);
                bool kept = Connect(target);
                try
                {
                    _filled = 0;
                    _stream.Write(_head, 0, length);
                    ReadHead(target.Url);
                    return;
                }
                catch (DownloadRefusedException)
                {
                    CloseStream();
                    throw;
                }
                catch (Exception e)
                {
                    CloseStream();

                    // A kept connection the server closed while idle: nothing of an answer came, so ask again on a new one.
                    if (kept && _filled == 0 && attempt == 0)
                    {
                        continue;
                    }

                    if (e is DownloadTransportException)
                    {
                        throw;
                    }

                    throw new DownloadTransportException("GET " + target.Url + " failed: " + e.Message, e);
                }
            }
        }

        // True when the kept connection goes to the target's scheme, host and port; otherwise opens a new one.
        private bool Connect(HttpTarget target)
        {
            if (_stream != null && _streamTls == target.Tls && _streamPort == target.Port && _streamHost == target.Host)
            {
                return true;
            }

            CloseStream();
            IByteStream stream = _connector.Open(target.Host, target.Port, target.Tls);
            if (stream == null)
            {
                throw new DownloadTransportException("no connection to " + target.Host + ":" + target.Port.ToString());
            }

            _stream = stream;
            _streamTls = target.Tls;
            _streamHost = target.Host;
            _streamPort = target.Port;
            return false;
        }

        private int WriteRequest(HttpTarget target, string token, long from, long to)
        {
            int at = Put("GET ", 0, target, false);
            at = Put(target.PathAndQuery, at, target, true);
            at = Put(" HTTP/1.1\r\nHost: ", at, target, false);
            at = Put(target.Authority, at, target, true);
            at = Put("\r\nRange: bytes=", at, target, false);
            at = PutNumber(from, at, target);
            at = Put("-", at, target, false);
            at = PutNumber(to, at, target);
            if (token != null && token.Length > 0)
            {
                at = Put("\r\nAuthorization: Bearer ", at, target, false);
                at = Put(token, at, target, true);
            }

            return Put("\r\n\r\n", at, target, false);
        }

        // Copies ASCII text into the request; a URL or token with spaces, control or non-ASCII characters cannot go out as it is.
        private int Put(string text, int at, HttpTarget target, bool checkText)
        {
            Fits(at + text.Length, target);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (checkText && (c <= ' ' || c > '~'))
                {
                    throw new DownloadRefusedException(0, "the URL " + target.Url + " or its token has a character a request cannot carry (code " + ((int)c).ToString() + ")");
                }

                _head[at + i] = (byte)c;
            }

            return at + text.Length;
        }

        // Decimal digits written straight into the request, so a call allocates no number strings.
        private int PutNumber(long value, int at, HttpTarget target)
        {
            int digits = 1;
            for (long rest = value; rest >= 10; rest /= 10)
            {
                digits++;
            }

            Fits(at + digits, target);
            for (int i = digits - 1; i >= 0; i--)
            {
                _head[at + i] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }

            return at + digits;
        }

        private void Fits(int end, HttpTarget target)
        {
            if (end > _head.Length)
            {
                throw new DownloadRefusedException(0, "the request for " + target.Url + " is over " + HeadBytes.ToString() + " bytes");
            }
        }

        // Reads until the empty line that ends the header block; the body's first bytes may come with it.
        private void ReadHead(string url)
        {
            int searched = 0;
            while (true)
            {
                for (int i = searched; i + 3 < _filled; i++)
                {
                    if (_head[i] == '\r' && _head[i + 1] == '\n' && _head[i + 2] == '\r' && _head[i + 3] == '\n')
                    {
                        _headLength = i + 4;
                        _answer.Parse(_head, _headLength, url);
                        return;
                    }
                }

                searched = _filled > 3 ? _filled - 3 : 0;
                if (_filled == _head.Length)
                {
                    throw new DownloadRefusedException(0, url + " answered with a header block over " + HeadBytes.ToString() + " bytes");
                }

                int read = _stream.Read(_head, _filled, _head.Length - _filled);
                if (read <= 0)
                {
                    throw new DownloadTransportException(url + " closed the connection " + (_filled == 0 ? "before answering" : "in the middle of the answer's headers"));
                }

                _filled += read;
            }
        }

        private int ReadRange(string url, long start, byte[] buffer, int offset, int count, out long totalSize)
        {
            long to;
            string range = _answer.ContentRange;
            if (!ContentRange.Parse(range, start, out to, out totalSize))
            {
                CloseStream();
                throw new DownloadRefusedException(206, url + " answered 206 without a usable Content-Range for bytes " + start.ToString() + "- (got '" + range + "')");
            }

            if (_answer.Encoded)
            {
                // Kestrel and S3 send Content-Length with a range; decoding chunks would be code no server here needs.
                CloseStream();
                throw new DownloadRefusedException(206, url + " answered 206 with a Transfer-Encoding (chunked); this client reads ranges framed by Content-Length only");
            }

            long length = to - start + 1;
            if (_answer.ContentLength >= 0 && _answer.ContentLength != length)
            {
                CloseStream();
                throw new DownloadRefusedException(206, url + " answered 206 with Content-Length " + _answer.ContentLength.ToString() + " for Content-Range " + range);
            }

            // More than asked, or a body that ends only with the connection: take what is needed and close it.
            bool closeAfter = _answer.CloseAfter || _answer.ContentLength < 0 || length > count;
            int expected = length > count ? count : (int)length;
            int received = _filled - _headLength;
            if (received > expected)
            {
                // Bytes past the body of an answer nobody pipelined: the connection is out of step.
                received = expected;
                closeAfter = true;
            }

            Array.Copy(_head, _headLength, buffer, offset, received);
            try
            {
                while (received < expected)
                {
                    int read = _stream.Read(buffer, offset + received, expected - received);
                    if (read <= 0)
                    {
                        CloseStream();
                        throw new DownloadTransportException("the connection closed after " + received.ToString() + " of " + expected.ToString() + " bytes from " + url);
                    }

                    received += read;
                }
            }
            catch (DownloadTransportException)
            {
                throw;
            }
            catch (Exception e)
            {
                CloseStream();
                throw new DownloadTransportException("the body from " + url + " broke off after " + received.ToString() + " of " + expected.ToString() + " bytes: " + e.Message, e);
            }

            if (closeAfter)
            {
                CloseStream();
            }

            return received;
        }

        // Reads a redirect's or refusal's short body so the connection can take the next request; anything else closes it.
        private void SkipBody()
        {
            int status = _answer.Status;
            long length = (status >= 100 && status < 200) || status == 204 || status == 304 ? 0 : _answer.ContentLength;
            if (_answer.CloseAfter || _answer.Encoded || length < 0 || length > HeadBytes)
            {
                CloseStream();
                return;
            }

            long left = length - (_filled - _headLength);
            if (left < 0)
            {
                CloseStream();
                return;
            }

            try
            {
                while (left > 0)
                {
                    int read = _stream.Read(_head, 0, left > _head.Length ? _head.Length : (int)left);
                    if (read <= 0)
                    {
                        CloseStream();
                        return;
                    }

                    left -= read;
                }
            }
            catch (Exception)
            {
                // The refusal or redirect is what counts; the next request opens a new connection.
                CloseStream();
            }
        }
    }
}
