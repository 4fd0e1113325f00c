namespace NordicIoT.Cloud.Publishing;

/// <summary>A message for a device could not be handed to the broker; the message says why.</summary>
public sealed class DevicePublishException(string message, Exception? inner = null) : Exception(message, inner);
