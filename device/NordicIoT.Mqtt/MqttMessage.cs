namespace NordicIoT.Mqtt;

/// <summary>A message the broker delivered on a subscribed topic.</summary>
/// <param name="Topic">The topic it was published to.</param>
/// <param name="Payload">The payload bytes, owned by this message.</param>
/// <param name="Qos">The QoS it was delivered with.</param>
/// <param name="Retain">True when this is a retained message sent because of a new subscription.</param>
/// <param name="Duplicate">True when the broker is re-sending a QoS 1 message it may have sent before.</param>
public sealed record MqttMessage(string Topic, byte[] Payload, MqttQos Qos, bool Retain, bool Duplicate);
