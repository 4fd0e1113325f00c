namespace NordicIoT.Device.Tests.Fakes;

/// <summary>Thrown by <see cref="FlashFake"/> when power is cut, and by every call after it until <see cref="FlashFake.Reboot"/>.</summary>
public sealed class PowerLossException(string message) : Exception(message);
