using System.Diagnostics;
using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Host.Platform;

/// <summary>The host's real clock: wall time from the system, uptime counted from when this clock was created.</summary>
public sealed class SystemClock : IClock
{
    private readonly long _bootTimestamp = Stopwatch.GetTimestamp();

    /// <inheritdoc/>
    public bool IsValid => true;

    /// <inheritdoc/>
    public long UnixSeconds => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <inheritdoc/>
    public long UptimeMilliseconds => (long)Stopwatch.GetElapsedTime(_bootTimestamp).TotalMilliseconds;
}
