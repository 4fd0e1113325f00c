namespace NordicIoT.Mqtt;

/// <summary>The delivery guarantees this client supports (AWS IoT Core has no QoS 2 either).</summary>
public enum MqttQos : byte
{
    /// <summary>QoS 0: sent once, never acknowledged.</summary>
    AtMostOnce = 0,

    /// <summary>QoS 1: acknowledged by PUBACK, may arrive more than once.</summary>
    AtLeastOnce = 1,
}
