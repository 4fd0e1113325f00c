using System;

namespace NordicIoT.Device.Ota
{
    /// <summary>A ranged GET did not complete: no connection, a timeout, or the connection dropped mid-body. The download resumes later.</summary>
    public class DownloadTransportException : Exception
    {
        /// <summary>Creates the exception with a message for people.</summary>
        public DownloadTransportException(string message)
            : base(message)
        {
        }

        /// <summary>Creates the exception with a message and the platform's own exception.</summary>
        public DownloadTransportException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
