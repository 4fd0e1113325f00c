using System;

namespace NordicIoT.Device.Transport
{
    /// <summary>A connection or protocol failure of an <see cref="IMqttTransport"/>.</summary>
    public class MqttTransportException : Exception
    {
        /// <summary>Creates the exception with a message that says what failed.</summary>
        public MqttTransportException(string message) : base(message)
        {
        }

        /// <summary>Creates the exception wrapping the failure that caused it.</summary>
        public MqttTransportException(string message, Exception inner) : base(message, inner)
        {
        }
    }
}
