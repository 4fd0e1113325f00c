namespace NordicIoT.Device.Platform
{
    /// <summary>Device time: wall-clock Unix seconds once known, and milliseconds since boot.</summary>
    /// <remarks>
    /// Schedules run on <see cref="UptimeMilliseconds"/> because wall time jumps when SNTP or the modem sets it;
    /// readings are stamped with <see cref="UnixSeconds"/>.
    /// </remarks>
    public interface IClock
    {
        /// <summary>True once wall time has been set (SNTP, modem network time); until then <see cref="UnixSeconds"/> means nothing.</summary>
        bool IsValid { get; }

        /// <summary>Wall time, Unix seconds (UTC).</summary>
        long UnixSeconds { get; }

        /// <summary>Milliseconds since boot; never goes backwards, not even when wall time is set.</summary>
        long UptimeMilliseconds { get; }
    }
}
