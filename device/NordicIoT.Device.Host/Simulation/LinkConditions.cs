namespace NordicIoT.Device.Host.Simulation;

/// <summary>Whether the simulated network and broker are reachable right now, shared by every device of a fleet; thread-safe.</summary>
/// <remarks>Outages may overlap: each kind counts how many of its outages are running, and is down while any is.</remarks>
public sealed class LinkConditions
{
    private int _networkOutages;
    private int _brokerOutages;

    /// <summary>Raised (on the caller of <see cref="Begin"/>) when the network or the broker has just become unreachable.</summary>
    public event Action<FaultKind>? WentDown;

    /// <summary>True while a network outage runs.</summary>
    public bool NetworkDown => Volatile.Read(ref _networkOutages) > 0;

    /// <summary>True while a broker outage runs.</summary>
    public bool BrokerDown => Volatile.Read(ref _brokerOutages) > 0;

    /// <summary>Starts an outage of <paramref name="kind"/>.</summary>
    public void Begin(FaultKind kind)
    {
        if (Interlocked.Increment(ref Counter(kind)) == 1)
        {
            WentDown?.Invoke(kind);
        }
    }

    /// <summary>Ends an outage of <paramref name="kind"/> that <see cref="Begin"/> started.</summary>
    public void End(FaultKind kind)
    {
        if (Interlocked.Decrement(ref Counter(kind)) < 0)
        {
            throw new InvalidOperationException($"{kind} ended more often than it began");
        }
    }

    private ref int Counter(FaultKind kind)
    {
        switch (kind)
        {
            case FaultKind.NetworkOutage:
                return ref _networkOutages;
            case FaultKind.BrokerOutage:
                return ref _brokerOutages;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "only network and broker outages have a duration");
        }
    }
}
