namespace NordicIoT.Mqtt;

/// <summary>An MQTT operation failed: not connected, connection lost, protocol violation or refusal by the broker.</summary>
public class MqttException : Exception
{
    /// <summary>Creates the exception with a message that says what failed.</summary>
    public MqttException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the failure that caused it.</summary>
    public MqttException(string message, Exception? inner) : base(message, inner)
    {
    }
}
