using NordicIoT.Device.Host.Platform;
using NordicIoT.Device.Host.Sensors;
using NordicIoT.Device.Tests.Fakes;
using NordicIoT.Device.Transport;

namespace NordicIoT.Device.Tests.Runtime;

public sealed class DeviceLoopTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public void The_loop_runs_the_device_on_its_own_thread_and_wakes_for_transport_events()
    {
        var broker = new FakeBroker();
        DeviceRuntime runtime = Runtime(broker.CreateTransport());
        var loop = new DeviceLoop(runtime);
        loop.Start();
        try
        {
            // The first readings go out at boot; the PUBACKs arrive as events that the sleeping loop must wake for.
            Assert.True(SpinWait.SpinUntil(() => runtime.Buffer.Count == 0 && broker.Published.Count >= 2, Patience));
            Assert.True(runtime.Uplink.IsConnected);
        }
        finally
        {
            loop.Stop();
        }
    }

    [Fact]
    public void A_failing_step_is_reported_and_the_loop_keeps_running()
    {
        var failures = new List<Exception>();
        var loop = new DeviceLoop(Runtime(new BrokenTransport()));
        loop.Failed += e =>
        {
            lock (failures)
            {
                failures.Add(e);
            }
        };

        loop.Start();
        try
        {
            Assert.True(SpinWait.SpinUntil(() => { lock (failures) { return failures.Count >= 1; } }, Patience));
        }
        finally
        {
            loop.Stop();
        }

        Assert.IsType<InvalidOperationException>(failures[0]);
    }

    private static DeviceRuntime Runtime(IMqttTransport transport)
    {
        var runtime = new DeviceRuntime(
            new DeviceOptions { DeviceId = "loop-1", FirmwareVersion = "1.0.0", Board = "host" },
            new DevicePlatform
            {
                Clock = new SystemClock(),
                Sensors = SimulatedSensors.DefaultSet(seed: 1),
                Storage = new FlashFake(),
                Transport = transport,
                SystemControl = new HostSystemControl(),
                Random = FixedRandom.Lowest,
            });
        runtime.Start();
        return runtime;
    }

    /// <summary>A transport with a bug: it throws what the contract does not allow.</summary>
    private sealed class BrokenTransport : IMqttTransport
    {
        public event MqttMessageHandler? MessageReceived { add { } remove { } }

        public event MqttPublishAckHandler? PublishAcknowledged { add { } remove { } }

        public event MqttConnectionLostHandler? ConnectionLost { add { } remove { } }

        public bool IsConnected => false;

        public void Connect(string clientId, bool cleanSession, int keepAliveSeconds) => throw new InvalidOperationException("socket in a bad state");

        public ushort Publish(string topic, byte[] payload, int length, int qos, bool retain) => throw new InvalidOperationException();

        public void Subscribe(string topic, int qos) => throw new InvalidOperationException();

        public void Disconnect()
        {
        }
    }
}
