using NordicIoT.Device.Configuration;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Tests.Runtime;

public sealed class ConfigTests
{
    private static readonly byte[] Version2 = DeviceHarness.Config(2, c =>
    {
        c.UplinkInterval = 120;
        c.SetSampleInterval(SensorKind.Temperature, 30);
    });

    [Fact]
    public void A_retained_config_is_applied_stored_and_its_version_reported()
    {
        var device = new DeviceHarness();
        device.Broker.PublishRetained(device.Topics.Config, Version2);

        device.Boot().RunFor(TimeSpan.FromSeconds(5));

        Assert.Equal(2, device.Runtime.Config.Version);
        Assert.Equal(120, device.Runtime.Config.UplinkInterval);
        Assert.Equal(30, device.Runtime.Config.SampleInterval(SensorKind.Temperature));
        Assert.Equal(0, device.Runtime.Config.SampleInterval(SensorKind.Humidity));
        Assert.Equal(Version2, StoredConfig(device));

        StateReport report = device.StateReports().Last();
        Assert.True(report.Has(StateField.ConfigVersion));
        Assert.Equal(2, report.ConfigVersion);
        Assert.False(report.Has(StateField.ConfigRejection));
    }

    [Fact]
    public void After_a_reboot_without_network_the_stored_config_is_in_effect()
    {
        var device = new DeviceHarness();
        device.Broker.PublishRetained(device.Topics.Config, Version2);
        device.Boot().RunFor(TimeSpan.FromSeconds(5));

        device.Broker.RefuseConnections = true;
        device.Boot().RunFor(TimeSpan.FromMinutes(2));

        Assert.Equal(2, device.Runtime.Config.Version);
        Assert.Equal(30, device.Runtime.Config.SampleInterval(SensorKind.Temperature));
        var taken = device.BufferedReadings();
        Assert.All(taken, r => Assert.Equal(SensorKind.Temperature, r.Sensor));
        Assert.Equal(5, taken.Count);
    }

    [Theory]
    [InlineData("not CBOR")]
    [InlineData("empty")]
    [InlineData("truncated")]
    [InlineData("value out of range")]
    [InlineData("unknown field")]
    [InlineData("oversized")]
    [InlineData("batch cap above the board's")]
    [InlineData("older version")]
    public void A_bad_config_is_rejected_with_its_reason_in_state_and_the_device_keeps_running_on_the_previous_one(string kind)
    {
        (byte[] payload, long version, string reason) = BadConfig(kind);
        var device = new DeviceHarness();
        device.Options.MaxPayloadBytes = 4096;
        device.Broker.PublishRetained(device.Topics.Config, Version2);
        device.Boot().RunFor(TimeSpan.FromSeconds(5));
        int readingsBefore = device.DeliveredReadings().Count;

        device.Broker.PublishRetained(device.Topics.Config, payload);
        device.RunFor(TimeSpan.FromSeconds(5));

        StateReport report = device.StateReports().Last();
        Assert.True(report.Has(StateField.ConfigRejection));
        Assert.Equal(version, report.RejectedConfigVersion);
        Assert.Contains(reason, report.RejectionReason);
        Assert.InRange(report.RejectionReason.Length, 1, ConfigHandler.MaxReasonLength);

        Assert.Equal(2, device.Runtime.Config.Version);
        Assert.Equal(Version2, StoredConfig(device));

        device.RunFor(TimeSpan.FromMinutes(5));
        Assert.True(device.Runtime.Uplink.IsConnected);
        Assert.True(device.DeliveredReadings().Count > readingsBefore + 5, "the device stopped sampling or uplinking after a bad config");
    }

    [Fact]
    public void The_same_config_seen_again_on_reconnect_is_neither_reapplied_nor_reported_as_new()
    {
        var device = new DeviceHarness();
        device.Broker.PublishRetained(device.Topics.Config, Version2);
        device.Boot().RunFor(TimeSpan.FromSeconds(5));
        int reports = device.StateReports().Count;

        device.Broker.DropConnection();
        device.RunFor(TimeSpan.FromSeconds(5));

        Assert.Equal(2, device.Broker.Connections);
        Assert.Equal(0, device.Runtime.ConfigHandler.Rejections);
        StateReport reconnect = Assert.Single(device.StateReports().Skip(reports));
        Assert.False(reconnect.Has(StateField.ConfigVersion));
        Assert.False(reconnect.Has(StateField.ConfigRejection));
    }

    [Fact]
    public void An_unreadable_stored_config_leaves_the_defaults_in_effect_and_is_reported()
    {
        var device = new DeviceHarness().StoreConfig([0xa1, 0x00]);

        device.Boot().RunFor(TimeSpan.FromSeconds(1));

        Assert.Equal(0, device.Runtime.Config.Version);
        Assert.Equal(DeviceConfig.DefaultUplinkInterval, device.Runtime.Config.UplinkInterval);
        StateReport report = device.StateReports().First();
        Assert.True(report.Has(StateField.ConfigRejection));
        Assert.StartsWith("stored config unreadable: LengthExceedsInput at byte 0", report.RejectionReason);
    }

    [Fact]
    public void Firmware_offers_are_handed_to_the_offer_handler()
    {
        var device = new DeviceHarness();
        byte[] offer = [0xa1, 0x00, 0x01];
        device.Broker.PublishRetained(device.Topics.Offer, offer);

        device.Boot().RunFor(TimeSpan.FromSeconds(1));

        Assert.Equal(offer, Assert.Single(device.Offers));
    }

    private static byte[] StoredConfig(DeviceHarness device)
    {
        int length = device.Flash.Length(ConfigHandler.FileName);
        var stored = new byte[length];
        device.Flash.Read(ConfigHandler.FileName, 0, stored, 0, length);
        return stored;
    }

    private static (byte[] Payload, long Version, string Reason) BadConfig(string kind) => kind switch
    {
        "not CBOR" => ([0xff, 0x00, 0x13], 0, "at byte 0"),
        "empty" => ([], 0, "Truncated at byte 0"),

        // {0: 1, 1: <a 16-bit unsigned integer cut off after its head>}
        "truncated" => ([0xa2, 0x00, 0x01, 0x01, 0x19], 0, "Truncated at byte 4"),
        "value out of range" => (DeviceHarness.Config(7, c => c.UplinkInterval = 5), 7, "uplink interval must be 10..86400, not 5"),

        // {0: 1, 1: 7, 9: 1}
        "unknown field" => ([0xa3, 0x00, 0x01, 0x01, 0x07, 0x09, 0x01], 7, "UnknownField at byte 5: config has no field 9"),
        "oversized" => (new byte[2000], 0, "config is 2000 bytes, more than 1024"),
        "batch cap above the board's" => (DeviceHarness.Config(7, c => c.MaxBatchBytes = 8192), 7, "max batch bytes 8192 is more than this board's 4096"),
        "older version" => (DeviceHarness.Config(1), 1, "config version 1 is older than version 2 in effect"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such bad config"),
    };
}
