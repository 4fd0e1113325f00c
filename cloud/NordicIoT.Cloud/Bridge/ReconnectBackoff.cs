namespace NordicIoT.Cloud.Bridge;

/// <summary>Waits between attempts (reconnects, and ingestion retries while storage fails): doubling from a minimum to a maximum, with jitter so restarted clients do not all return at once.</summary>
public sealed class ReconnectBackoff
{
    private readonly TimeSpan _minimum;
    private readonly TimeSpan _maximum;
    private TimeSpan _next;

    /// <summary>Starts at <paramref name="minimum"/>.</summary>
    public ReconnectBackoff(TimeSpan minimum, TimeSpan maximum)
    {
        _minimum = minimum;
        _maximum = maximum;
        _next = minimum;
    }

    /// <summary>The wait before the next attempt; each call doubles the one after.</summary>
    public TimeSpan Next()
    {
        var current = _next;
        _next = current * 2 < _maximum ? current * 2 : _maximum;
        // Up to a quarter less than the nominal wait, never more, so the maximum stays a maximum.
        return current - current * (Random.Shared.NextDouble() / 4);
    }

    /// <summary>Back to the minimum after a connection that worked.</summary>
    public void Reset() => _next = _minimum;
}
