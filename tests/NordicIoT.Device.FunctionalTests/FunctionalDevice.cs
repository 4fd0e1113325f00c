using NordicIoT.Device.Configuration;
using NordicIoT.Device.Host.Mqtt;
using NordicIoT.Device.Host.Platform;
using NordicIoT.Device.Host.Sensors;
using NordicIoT.Device.Host.Storage;
using NordicIoT.Device.Platform;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;
using NordicIoT.Testing;

namespace NordicIoT.Device.FunctionalTests;

/// <summary>A device runtime with its own certificate, flash folder and simulated clock, connected to a <see cref="TestBroker"/>.</summary>
internal sealed class FunctionalDevice : IDisposable
{
    public static readonly DateTimeOffset WallStart = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _flash = new("device-flash");
    private readonly MqttClientTransport _transport;

    public FunctionalDevice(TestBroker broker, string deviceId, byte[]? storedConfig = null)
    {
        Topics = new Topics(deviceId);
        var storage = new FolderStorage(_flash.Path);
        if (storedConfig != null)
        {
            storage.Replace(ConfigHandler.FileName, storedConfig, 0, storedConfig.Length);
        }

        Storage = storage;
        _transport = new MqttClientTransport(broker.DeviceOptions(deviceId));
        Log = new PublishLog(_transport);
        Network = new NetworkGate(Log);
        Runtime = new DeviceRuntime(
            new DeviceOptions { DeviceId = deviceId, FirmwareVersion = "2.0.0", Board = "host-functional" },
            new DevicePlatform
            {
                Clock = Clock,
                Sensors = SimulatedSensors.DefaultSet(seed: deviceId.Length),
                Storage = storage,
                Transport = Network,
                SystemControl = new HostSystemControl(),
                Random = new RandomSource(seed: 11),
            });
        Runtime.Start();
        Driver = new SimulatedTimeDriver(Runtime, Clock);
    }

    public SimulatedClock Clock { get; } = new(WallStart);

    public Topics Topics { get; }

    public IFileStorage Storage { get; }

    public PublishLog Log { get; }

    public NetworkGate Network { get; }

    public DeviceRuntime Runtime { get; }

    public SimulatedTimeDriver Driver { get; }

    public static byte[] Config(long version, Action<DeviceConfig> build)
    {
        var config = new DeviceConfig { Version = version };
        build(config);
        var buffer = new byte[1024];
        int length = DeviceConfigCodec.Encode(config, new CborWriter(buffer));
        return buffer[..length];
    }

    public byte[] StoredConfig()
    {
        var stored = new byte[Storage.Length(ConfigHandler.FileName)];
        Storage.Read(ConfigHandler.FileName, 0, stored, 0, stored.Length);
        return stored;
    }

    public void Dispose()
    {
        _transport.Dispose();
        _flash.Dispose();
    }
}
