using NordicIoT.Device.State;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Tests.Runtime;

public sealed class StateTests
{
    [Fact]
    public void The_first_report_after_boot_is_full()
    {
        DeviceHarness device = new DeviceHarness().Boot();
        device.RunFor(TimeSpan.FromSeconds(1));

        StateReport report = device.StateReports().First();
        Assert.Equal(DeviceHarness.WallStart.ToUnixTimeSeconds(), report.Time);
        Assert.Equal("1.2.3", report.FirmwareVersion);
        Assert.Equal("ESP32_PSRAM_REV3", report.Board);
        Assert.Equal(0, report.Uptime);
        Assert.Equal(90_000, report.FreeHeap);
        Assert.Equal(4, report.Buffered);
        Assert.True(report.Has(StateField.BufferFill));
        Assert.True(report.Has(StateField.Dropped));
        Assert.Equal(0, report.Dropped);
        Assert.True(report.Has(StateField.ConfigVersion));
        Assert.Equal(0, report.ConfigVersion);
        Assert.Equal((int)NetworkKind.LteM, report.Network);
        Assert.Equal([SensorKind.Battery], report.Latest.Sensors.Take(report.Latest.Count));
        Assert.InRange(report.Latest.ValueOf(0), 4100, 4150);
        Assert.False(report.Has(StateField.ConfigRejection));
        Assert.False(report.Has(StateField.Ota));
    }

    [Fact]
    public void An_uplink_sends_a_partial_report_with_only_what_changed_and_none_when_nothing_did()
    {
        var device = new DeviceHarness();
        device.Options.BufferCapacityBytes = 1 << 20;
        device.StoreConfig(DeviceHarness.Config(1, c => c.UplinkInterval = 600)).Boot();
        device.RunFor(TimeSpan.FromMinutes(11));
        Assert.Single(device.StateReports());

        device.SystemControl.FreeMemory -= StateReporter.FreeHeapStep;
        device.RunFor(TimeSpan.FromMinutes(10));

        StateReport partial = device.StateReports()[1];
        Assert.Equal(90_000 - StateReporter.FreeHeapStep, partial.FreeHeap);
        Assert.True(partial.Has(StateField.Time));
        Assert.True(partial.Has(StateField.Uptime));
        Assert.True(partial.Has(StateField.Buffered));
        Assert.Equal(0, partial.Present & ((1 << StateField.FirmwareVersion) | (1 << StateField.Board) | (1 << StateField.ConfigVersion)
            | (1 << StateField.Network) | (1 << StateField.Dropped) | (1 << StateField.Latest) | (1 << StateField.BufferFill)));
    }

    [Fact]
    public void Small_changes_of_free_heap_do_not_cause_a_report()
    {
        var device = new DeviceHarness();
        device.Options.BufferCapacityBytes = 1 << 20;
        device.StoreConfig(DeviceHarness.Config(1, c => c.UplinkInterval = 600)).Boot();
        device.RunFor(TimeSpan.FromMinutes(1));

        device.SystemControl.FreeMemory -= StateReporter.FreeHeapStep - 1;
        device.RunFor(TimeSpan.FromMinutes(30));

        Assert.Single(device.StateReports());
    }

    [Fact]
    public void A_full_report_goes_out_every_state_interval()
    {
        var device = new DeviceHarness();
        device.StoreConfig(DeviceHarness.Config(1, c =>
        {
            c.UplinkInterval = 600;
            c.StateInterval = 3600;
        })).Boot();

        device.RunFor(TimeSpan.FromMinutes(121));

        List<long> full = device.StateReports().Where(r => r.Has(StateField.FirmwareVersion)).Select(r => r.Uptime).ToList();
        Assert.Equal([0, 3600, 7200], full);
        Assert.All(device.StateReports().Where(r => r.Has(StateField.FirmwareVersion)), r => Assert.True(r.Has(StateField.Board) && r.Has(StateField.ConfigVersion) && r.Has(StateField.FreeHeap)));
    }

    [Fact]
    public void A_full_report_due_while_publishes_wait_for_pubacks_waits_without_spinning()
    {
        var device = new DeviceHarness();
        device.StoreConfig(DeviceHarness.Config(1, c =>
        {
            c.StateInterval = DeviceConfigCodec.MinStateInterval;
            c.MaxBatchBytes = DeviceConfigCodec.MinBatchBytes;
        })).Boot();
        device.Broker.AutoAcknowledge = false;

        // RunFor fails if RunOnce keeps asking to run again at once while nothing can be sent.
        device.RunFor(TimeSpan.FromMinutes(3));
        Assert.Single(device.StateReports());

        device.Broker.Acknowledge(device.Broker.Unacknowledged);
        device.RunFor(TimeSpan.FromSeconds(1));
        Assert.True(device.StateReports()[1].Has(StateField.FirmwareVersion), "the full report due meanwhile was not sent once the window opened");
    }

    [Fact]
    public void Changes_in_a_report_lost_with_the_connection_are_reported_again()
    {
        var device = new DeviceHarness();
        device.StoreConfig(DeviceHarness.Config(1, c => c.UplinkInterval = 600)).Boot();
        device.RunFor(TimeSpan.FromSeconds(1));
        device.Broker.AutoAcknowledge = false;
        device.SystemControl.FreeMemory = 50_000;

        device.RunFor(TimeSpan.FromMinutes(10));
        Assert.Equal(50_000, device.StateReports().Last().FreeHeap);
        int reports = device.StateReports().Count;
        device.Broker.DropConnection();
        device.Broker.AutoAcknowledge = true;
        device.RunFor(TimeSpan.FromSeconds(5));

        StateReport again = Assert.Single(device.StateReports().Skip(reports));
        Assert.True(again.Has(StateField.FreeHeap));
        Assert.Equal(50_000, again.FreeHeap);
    }
}
