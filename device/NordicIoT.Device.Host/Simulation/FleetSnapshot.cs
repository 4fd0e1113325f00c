namespace NordicIoT.Device.Host.Simulation;

/// <summary>The fleet's totals at one moment of a run.</summary>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Devices">Devices simulated.</param>
/// <param name="Connected">Devices with a session now.</param>
/// <param name="Published">PUBLISH packets sent (state reports and batches, re-sends included).</param>
/// <param name="Acknowledged">PUBACKs received.</param>
/// <param name="Lost">Publishes whose session ended before their PUBACK (their readings go again).</param>
/// <param name="InFlight">Publishes waiting for their PUBACK now.</param>
/// <param name="Buffered">Readings in the devices' flash buffers, not yet acknowledged.</param>
/// <param name="Dropped">Readings the buffers dropped because they were full.</param>
/// <param name="Reboots">Device reboots done.</param>
/// <param name="Connects">Sessions opened.</param>
/// <param name="ConnectFailures">Connect attempts that failed.</param>
/// <param name="Failures">Device steps that threw, with the last such error.</param>
/// <param name="LastFailure">What the last failed step threw, or null.</param>
/// <param name="AckLatency">Time from publish to PUBACK.</param>
/// <param name="Lateness">How late devices ran after their due time (grows when the fleet is more than the workers can drive).</param>
public sealed record FleetSnapshot(
    TimeSpan Elapsed,
    int Devices,
    int Connected,
    long Published,
    long Acknowledged,
    long Lost,
    long InFlight,
    long Buffered,
    long Dropped,
    long Reboots,
    long Connects,
    long ConnectFailures,
    long Failures,
    string? LastFailure,
    LatencyDistribution AckLatency,
    LatencyDistribution Lateness);
