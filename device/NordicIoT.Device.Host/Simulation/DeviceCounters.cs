namespace NordicIoT.Device.Host.Simulation;

/// <summary>What one simulated device did since the run began, across reboots; written by its transport and its worker, read by anyone.</summary>
public sealed class DeviceCounters
{
    private long _published;
    private long _acknowledged;
    private long _lost;
    private long _connects;
    private long _connectFailures;

    /// <summary>PUBLISH packets handed to the broker (state reports and batches, re-sends included).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>PUBACKs received.</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Publishes whose session ended before their PUBACK came (the device sends their readings again).</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Sessions opened.</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Connect attempts that failed.</summary>
    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    internal void AddPublished() => Interlocked.Increment(ref _published);

    internal void AddAcknowledged() => Interlocked.Increment(ref _acknowledged);

    internal void AddLost(int count) => Interlocked.Add(ref _lost, count);

    internal void AddConnect() => Interlocked.Increment(ref _connects);

    internal void AddConnectFailure() => Interlocked.Increment(ref _connectFailures);
}
