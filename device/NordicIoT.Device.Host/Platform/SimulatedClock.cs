using NordicIoT.Device.Platform;

namespace NordicIoT.Device.Host.Platform;

/// <summary>A device clock that only moves when told to, so tests and the simulator run hours in milliseconds; thread-safe.</summary>
/// <remarks>Wall time starts unset (like a board before SNTP) unless given; once set it advances with uptime.</remarks>
public sealed class SimulatedClock : IClock
{
    private readonly Lock _lock = new();
    private long _uptime;
    private long _wallMinusUptime;
    private bool _valid;

    /// <summary>Creates a clock at uptime 0 whose wall time is not known yet.</summary>
    public SimulatedClock()
    {
    }

    /// <summary>Creates a clock at uptime 0 whose wall time is <paramref name="wallTime"/>.</summary>
    public SimulatedClock(DateTimeOffset wallTime)
    {
        SetWallTime(wallTime);
    }

    /// <inheritdoc/>
    public bool IsValid
    {
        get
        {
            lock (_lock)
            {
                return _valid;
            }
        }
    }

    /// <inheritdoc/>
    public long UnixSeconds
    {
        get
        {
            lock (_lock)
            {
                return _valid ? (_uptime + _wallMinusUptime) / 1000 : 0;
            }
        }
    }

    /// <inheritdoc/>
    public long UptimeMilliseconds
    {
        get
        {
            lock (_lock)
            {
                return _uptime;
            }
        }
    }

    /// <summary>Wall time now; throws when it has not been set.</summary>
    public DateTimeOffset WallTime
    {
        get
        {
            lock (_lock)
            {
                if (!_valid)
                {
                    throw new InvalidOperationException("the simulated clock has no wall time yet");
                }

                return DateTimeOffset.FromUnixTimeMilliseconds(_uptime + _wallMinusUptime);
            }
        }
    }

    /// <summary>Moves uptime (and wall time, when set) forward.</summary>
    public void Advance(TimeSpan by)
    {
        Advance((long)by.TotalMilliseconds);
    }

    /// <summary>Moves uptime (and wall time, when set) forward by <paramref name="milliseconds"/>.</summary>
    public void Advance(long milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        lock (_lock)
        {
            _uptime += milliseconds;
        }
    }

    /// <summary>Sets wall time, as SNTP or the modem would; uptime does not move.</summary>
    public void SetWallTime(DateTimeOffset wallTime)
    {
        lock (_lock)
        {
            _wallMinusUptime = wallTime.ToUnixTimeMilliseconds() - _uptime;
            _valid = true;
        }
    }
}
