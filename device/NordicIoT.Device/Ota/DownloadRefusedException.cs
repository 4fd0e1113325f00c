using System;

namespace NordicIoT.Device.Ota
{
    /// <summary>The download server answered a ranged GET with something other than 206 Partial Content; retrying will not help.</summary>
    public class DownloadRefusedException : Exception
    {
        /// <summary>Creates the exception for HTTP status <paramref name="statusCode"/> with a message for people.</summary>
        public DownloadRefusedException(int statusCode, string message)
            : base(message)
        {
            StatusCode = statusCode;
        }

        /// <summary>The HTTP status the server sent (0 when the answer was not HTTP at all).</summary>
        public int StatusCode { get; }
    }
}
