namespace NordicIoT.Mqtt;

/// <summary>Connecting failed: the broker was unreachable, the TLS handshake failed, or CONNACK refused the client.</summary>
public sealed class MqttConnectException : MqttException
{
    /// <summary>Creates the exception; <paramref name="returnCode"/> is set when the broker answered CONNACK with a refusal.</summary>
    public MqttConnectException(string message, Exception? inner = null, MqttConnectReturnCode? returnCode = null)
        : base(message, inner)
    {
        ReturnCode = returnCode;
    }

    /// <summary>The CONNACK return code when the broker refused, null when it never answered.</summary>
    public MqttConnectReturnCode? ReturnCode { get; }
}
