using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Uplink
{
    /// <summary>When to try connecting again: exponential backoff with full jitter, between 1 s and 5 min.</summary>
    /// <remarks>
    /// After the n-th failure in a row the wait is drawn uniformly from [1 s, min(5 min, 1 s * 2^(n-1))]. The 1 s floor
    /// keeps a device within AWS IoT's one CONNECT per second per client id; the jitter spreads a fleet that lost its
    /// broker at the same moment. A connection that stayed up for <see cref="StableMilliseconds"/> resets the count,
    /// so a link that drops right after every connect still backs off.
    /// </remarks>
    public sealed class ConnectBackoff
    {
        /// <summary>Shortest wait and first step, ms.</summary>
        public const int BaseMilliseconds = 1000;

        /// <summary>Longest wait, ms.</summary>
        public const int CapMilliseconds = 5 * 60 * 1000;

        /// <summary>A connection up this long counts as healthy, ms.</summary>
        public const int StableMilliseconds = 60 * 1000;

        private readonly IRandomSource _random;
        private long _connectedAt;

        /// <summary>Draws jitter from <paramref name="random"/>.</summary>
        public ConnectBackoff(IRandomSource random)
        {
            _random = random;
        }

        /// <summary>Failures in a row since the last healthy connection.</summary>
        public int Failures { get; private set; }

        /// <summary>Uptime (ms) from which the next attempt may start.</summary>
        public long NextAttemptAt { get; private set; }

        /// <summary>The wait chosen after the last failure, ms.</summary>
        public int LastDelay { get; private set; }

        /// <summary>A connect attempt at <paramref name="now"/> failed.</summary>
        public void Failed(long now)
        {
            Failures++;
            int ceiling = CapMilliseconds;
            if (Failures <= 20)
            {
                long doubled = (long)BaseMilliseconds << (Failures - 1);
                ceiling = doubled < CapMilliseconds ? (int)doubled : CapMilliseconds;
            }

            LastDelay = BaseMilliseconds + _random.Next(ceiling - BaseMilliseconds + 1);
            NextAttemptAt = now + LastDelay;
        }

        /// <summary>A connection opened at <paramref name="now"/>.</summary>
        public void Connected(long now)
        {
            _connectedAt = now;
        }

        /// <summary>The connection opened last was lost at <paramref name="now"/>; the next attempt waits like after a failure.</summary>
        public void Lost(long now)
        {
            if (now - _connectedAt >= StableMilliseconds)
            {
                Failures = 0;
            }

            Failed(now);
        }

        /// <summary>The device closed a connection that did its work (power save): failures are forgiven, and only the 1 s floor applies.</summary>
        public void Closed(long now)
        {
            Failures = 0;
            NextAttemptAt = now + BaseMilliseconds;
        }
    }
}
