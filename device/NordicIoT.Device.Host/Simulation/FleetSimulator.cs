using System.Diagnostics;

namespace NordicIoT.Device.Host.Simulation;

/// <summary>Runs a fleet of virtual devices in this process: the real device library against a real broker, driven by a few worker threads.</summary>
/// <remarks>
/// Each device has its own flash folder under the state folder (so a reboot or a later run resumes its buffer),
/// simulated sensors and the system clock. Outages and reboots from <see cref="FleetOptions.Faults"/> are applied on
/// time while <see cref="RunAsync"/> runs. Used by <c>nordiciot sim</c>, the tests and the benchmarks.
/// </remarks>
public sealed class FleetSimulator : IDisposable
{
    private static readonly TimeSpan MaxTick = TimeSpan.FromMilliseconds(250);

    private readonly FleetContext _context;
    private readonly List<SimulatedDevice> _devices = [];
    private readonly Stopwatch _clock = new();
    private DeviceScheduler? _scheduler;
    private LatencyHistogram _lateness = new();
    private bool _stopped;

    /// <summary>Checks <paramref name="options"/>; nothing starts until <see cref="Start"/> or <see cref="RunAsync"/>.</summary>
    public FleetSimulator(FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _context = new FleetContext(options, new DeviceCertificates(options.CertificateFolder), new LinkConditions(), new LatencyHistogram());
    }

    /// <summary>The options the fleet runs with.</summary>
    public FleetOptions Options => _context.Options;

    /// <summary>Whether the network and the broker are reachable; faults change it, and tests may too.</summary>
    public LinkConditions Conditions => _context.Conditions;

    /// <summary>True between <see cref="Start"/> and <see cref="Stop"/>.</summary>
    public bool IsRunning => _scheduler is not null;

    /// <summary>Loads every device's certificates, writes the schedule into its flash, boots it, and starts driving the fleet.</summary>
    /// <exception cref="FileNotFoundException">A certificate or key is missing (the message names it).</exception>
    public void Start()
    {
        if (_scheduler is not null || _devices.Count > 0 || _stopped)
        {
            throw new InvalidOperationException("The fleet was already started; create a new FleetSimulator to run again.");
        }

        Directory.CreateDirectory(Options.StateFolder);
        for (int number = 1; number <= Options.Devices; number++)
        {
            var device = new SimulatedDevice(number, _context, Wake);
            _devices.Add(device);
            device.StoreScheduleConfig();
            device.Boot();
        }

        _clock.Start();
        _scheduler = new DeviceScheduler(Options.WorkerThreads);
        _lateness = _scheduler.Lateness;
        for (int i = 0; i < _devices.Count; i++)
        {
            _scheduler.Schedule(_devices[i], Options.StartSpread * i / _devices.Count);
        }
    }

    /// <summary>Starts the fleet, applies its faults on time and reports progress until <paramref name="duration"/> passed or <paramref name="cancellationToken"/> fires, then stops it.</summary>
    /// <param name="duration">How long to run; null runs until cancelled.</param>
    /// <param name="progress">Called with a snapshot every <paramref name="progressInterval"/>.</param>
    /// <param name="progressInterval">Time between progress calls.</param>
    /// <param name="drain">How long to wait at the end for publishes still in flight to be acknowledged.</param>
    /// <param name="cancellationToken">Ends the run early; this is a normal end, not an error.</param>
    /// <returns>The totals after the fleet stopped.</returns>
    public async Task<FleetSnapshot> RunAsync(
        TimeSpan? duration, Action<FleetSnapshot>? progress, TimeSpan progressInterval, TimeSpan drain, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(progressInterval, TimeSpan.Zero);
        var timeline = FaultTimeline.From(Options.Faults);
        Start();
        var nextProgress = progressInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            var elapsed = _clock.Elapsed;
            timeline.ApplyDue(elapsed, this);
            if (duration is { } end && elapsed >= end)
            {
                break;
            }

            if (elapsed >= nextProgress)
            {
                progress?.Invoke(Snapshot());
                nextProgress += progressInterval;
            }

            var until = Min(nextProgress, timeline.NextAt ?? TimeSpan.MaxValue, duration ?? TimeSpan.MaxValue) - elapsed;
            try
            {
                await Task.Delay(Clamp(until), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        timeline.EndRunningOutages(this);
        return Stop(drain);
    }

    /// <summary>The fleet's totals now.</summary>
    public FleetSnapshot Snapshot()
    {
        int connected = 0;
        long published = 0, acknowledged = 0, lost = 0, inFlight = 0, buffered = 0, dropped = 0, reboots = 0, connects = 0, connectFailures = 0, failures = 0;
        string? lastFailure = null;
        foreach (var device in _devices)
        {
            connected += device.Connected ? 1 : 0;
            published += device.Counters.Published;
            acknowledged += device.Counters.Acknowledged;
            lost += device.Counters.Lost;
            connects += device.Counters.Connects;
            connectFailures += device.Counters.ConnectFailures;
            inFlight += device.InFlight;
            buffered += device.Buffered;
            dropped += device.Dropped;
            reboots += device.Reboots;
            failures += device.Failures;
            lastFailure = device.LastFailure ?? lastFailure;
        }

        return new FleetSnapshot(
            _clock.Elapsed, _devices.Count, connected, published, acknowledged, lost, inFlight, buffered, dropped, reboots,
            connects, connectFailures, failures, lastFailure, _context.AckLatency.Snapshot(), _lateness.Snapshot());
    }

    /// <summary>Stops running devices, waits up to <paramref name="drain"/> for publishes in flight to be acknowledged, closes every session and returns the totals.</summary>
    /// <remarks>Also releases the devices a failed <see cref="Start"/> had already created; calling it again only returns the totals.</remarks>
    public FleetSnapshot Stop(TimeSpan drain)
    {
        if (_stopped)
        {
            return Snapshot();
        }

        _stopped = true;
        if (_scheduler is { } scheduler)
        {
            scheduler.Dispose();
            _scheduler = null;
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < drain && _devices.Any(d => d.InFlight > 0))
            {
                Thread.Sleep(20);
            }
        }

        foreach (var device in _devices)
        {
            device.Dispose();
        }

        _clock.Stop();
        return Snapshot();
    }

    /// <summary>Asks every device to reboot at its next step.</summary>
    public void RebootAll()
    {
        foreach (var device in _devices)
        {
            device.RequestReboot();
        }
    }

    /// <summary>Stops the fleet without waiting for acknowledgements.</summary>
    public void Dispose() => Stop(TimeSpan.Zero);

    private void Wake(SimulatedDevice device) => _scheduler?.Wake(device);

    private static TimeSpan Min(TimeSpan a, TimeSpan b, TimeSpan c) => a < b ? (a < c ? a : c) : (b < c ? b : c);

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait > MaxTick ? MaxTick : wait;
}
