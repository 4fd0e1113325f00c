using System.Diagnostics;

namespace NordicIoT.Device.Host.Simulation;

/// <summary>A few worker threads that run many devices, each when it is due: RunOnce says when it next has work, a transport event makes it due at once.</summary>
/// <remarks>
/// Devices wait in one queue ordered by due time. A device is never run by two workers at once; work that arrives
/// while it runs makes it due again right after. Waking a queued device adds a newer entry and leaves the old one to
/// be skipped (a priority queue cannot move an entry). How late devices start after their due time is recorded in
/// <see cref="Lateness"/>: when it grows, the fleet is more than these threads can drive.
/// </remarks>
internal sealed class DeviceScheduler : IDisposable
{
    private readonly object _lock = new();
    private readonly PriorityQueue<(SimulatedDevice Device, long Version), long> _queue = new();
    private readonly Thread[] _workers;
    private readonly long _origin = Stopwatch.GetTimestamp();
    private bool _stopping;
    private long _steps;

    /// <summary>Starts <paramref name="workers"/> threads that wait for devices to schedule.</summary>
    public DeviceScheduler(int workers)
    {
        _workers = new Thread[workers];
        for (int i = 0; i < workers; i++)
        {
            _workers[i] = new Thread(Work) { IsBackground = true, Name = $"fleet-worker-{i + 1}" };
            _workers[i].Start();
        }
    }

    /// <summary>How long after their due time devices started running.</summary>
    public LatencyHistogram Lateness { get; } = new();

    /// <summary>Steps run so far.</summary>
    public long Steps => Interlocked.Read(ref _steps);

    /// <summary>Runs <paramref name="device"/> once <paramref name="delay"/> has passed (sooner if woken).</summary>
    public void Schedule(SimulatedDevice device, TimeSpan delay)
    {
        lock (_lock)
        {
            Enqueue(device, Now() + (long)delay.TotalMilliseconds);
        }
    }

    /// <summary>Makes <paramref name="device"/> due now; safe from any thread, including transport callbacks.</summary>
    public void Wake(SimulatedDevice device)
    {
        lock (_lock)
        {
            if (_stopping)
            {
                return;
            }

            if (device.Running)
            {
                device.WakeRequested = true;
                return;
            }

            Enqueue(device, Now());
        }
    }

    /// <summary>Lets running steps finish and stops the workers; no device runs after this returns.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _stopping = true;
            Monitor.PulseAll(_lock);
        }

        foreach (var worker in _workers)
        {
            worker.Join();
        }
    }

    private void Work()
    {
        while (TryTake(out var device, out long due))
        {
            Lateness.Record(TimeSpan.FromMilliseconds(Math.Max(0, Now() - due)));
            int wait = device.Step();
            Interlocked.Increment(ref _steps);
            lock (_lock)
            {
                device.Running = false;
                long next = device.WakeRequested ? Now() : Now() + wait;
                device.WakeRequested = false;
                if (!_stopping)
                {
                    Enqueue(device, next);
                }
            }
        }
    }

    private bool TryTake(out SimulatedDevice device, out long due)
    {
        lock (_lock)
        {
            while (!_stopping)
            {
                if (!_queue.TryPeek(out var entry, out due))
                {
                    Monitor.Wait(_lock);
                    continue;
                }

                if (entry.Version != entry.Device.ScheduleVersion || entry.Device.Running)
                {
                    _queue.Dequeue();
                    continue;
                }

                long wait = due - Now();
                if (wait > 0)
                {
                    Monitor.Wait(_lock, (int)Math.Min(wait, int.MaxValue));
                    continue;
                }

                _queue.Dequeue();
                device = entry.Device;
                device.Running = true;
                if (_queue.Count > 0)
                {
                    // More may be due: hand them to another waiting worker.
                    Monitor.Pulse(_lock);
                }

                return true;
            }
        }

        device = null!;
        due = 0;
        return false;
    }

    // Caller holds the lock. A new entry supersedes any older one of the same device.
    private void Enqueue(SimulatedDevice device, long due)
    {
        device.ScheduleVersion++;
        _queue.Enqueue((device, device.ScheduleVersion), due);
        Monitor.Pulse(_lock);
    }

    // Milliseconds since the scheduler started (Environment.TickCount64 is too coarse on Linux to measure lateness).
    private long Now() => (long)Stopwatch.GetElapsedTime(_origin).TotalMilliseconds;
}
