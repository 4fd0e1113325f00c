using NordicIoT.Device.Host.Platform;

namespace NordicIoT.Device.FunctionalTests;

/// <summary>Runs a device runtime against a real broker on a simulated clock: time moves only while the device is idle and the network is quiet.</summary>
/// <remarks>
/// Each step calls RunOnce; when the device has nothing to do now, the driver waits briefly (real time) for a network
/// event and, if none comes, moves the simulated clock to the device's next due work (at most <c>maxStep</c>). Simulated
/// minutes thus pass in milliseconds while PUBACKs and messages are still handled as they arrive.
/// </remarks>
internal sealed class SimulatedTimeDriver
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(15);
    private readonly DeviceRuntime _runtime;
    private readonly SimulatedClock _clock;
    private readonly AutoResetEvent _wake = new(false);

    public SimulatedTimeDriver(DeviceRuntime runtime, SimulatedClock clock)
    {
        _runtime = runtime;
        _clock = clock;
        runtime.WorkQueued += () => _wake.Set();
    }

    /// <summary>Steps the device until <paramref name="done"/> holds (checked between steps); fails after <paramref name="patience"/> of real time.</summary>
    public async Task RunUntilAsync(Func<Task<bool>> done, TimeSpan maxStep, TimeSpan patience, Func<string> describe)
    {
        DateTime deadline = DateTime.UtcNow + patience;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not done after {patience.TotalSeconds} s of real time ({_clock.UptimeMilliseconds / 1000} s simulated): {describe()}");
            }

            int wait = _runtime.RunOnce();
            if (wait == 0 || _wake.WaitOne(Quiet))
            {
                continue;
            }

            _clock.Advance(Math.Min(wait, (long)maxStep.TotalMilliseconds));
        }
    }
}
