using System;

namespace NordicIoT.Device.Storage
{
    /// <summary>A record of the reading buffer failed its check after Open(); opening the buffer again cuts the damage off.</summary>
    public class BufferCorruptException : Exception
    {
        /// <summary>Creates the exception with a message naming the file and position.</summary>
        public BufferCorruptException(string message) : base(message)
        {
        }
    }
}
