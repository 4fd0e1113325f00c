namespace NordicIoT.Device.Ota
{
    /// <summary>Decides when download progress is worth a state report: after a step of some percent, or after an interval with any progress.</summary>
    /// <remarks>A report per fragment would cost a publish per 2 KB downloaded; this keeps it to about a dozen per update.</remarks>
    public sealed class ProgressThrottle
    {
        private readonly int _stepPercent;
        private readonly long _intervalMilliseconds;
        private int _lastPercent;
        private long _lastAt;

        /// <summary>Reports every <paramref name="stepPercent"/> percent or every <paramref name="intervalSeconds"/> seconds.</summary>
        public ProgressThrottle(int stepPercent, int intervalSeconds)
        {
            _stepPercent = stepPercent;
            _intervalMilliseconds = intervalSeconds * 1000L;
        }

        /// <summary>Notes that <paramref name="percent"/> was reported at uptime <paramref name="now"/>.</summary>
        public void Reported(int percent, long now)
        {
            _lastPercent = percent;
            _lastAt = now;
        }

        /// <summary>True when <paramref name="percent"/> at <paramref name="now"/> should be reported.</summary>
        public bool IsDue(int percent, long now)
        {
            if (percent <= _lastPercent)
            {
                return false;
            }

            return percent - _lastPercent >= _stepPercent || now - _lastAt >= _intervalMilliseconds;
        }
    }
}
