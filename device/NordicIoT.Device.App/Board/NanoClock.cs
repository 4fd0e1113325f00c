using System;
using NordicIoT.Device.Platform;

namespace NordicIoT.Device.App.Board
{
    /// <summary>The board's clock: wall time from the RTC that SNTP sets, uptime from the system tick.</summary>
    public sealed class NanoClock : IClock
    {
        /// <summary>The RTC starts in the past after power-up; a year before this means SNTP has not set it yet.</summary>
        public const int FirstValidYear = 2024;

        /// <inheritdoc/>
        public bool IsValid
        {
            get { return DateTime.UtcNow.Year >= FirstValidYear; }
        }

        /// <inheritdoc/>
        public long UnixSeconds
        {
            get { return DateTime.UtcNow.ToUnixTimeSeconds(); }
        }

        /// <inheritdoc/>
        public long UptimeMilliseconds
        {
            get { return Environment.TickCount64; }
        }
    }
}
