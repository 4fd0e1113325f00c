using NordicIoT.Device.Ota;
using NordicIoT.Device.Ota.AppSets;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Tests.Ota;

/// <summary>After the switch: the new application confirms its health, or the loader rolls back and the old one reports FAILED.</summary>
public sealed class HealthTests : IDisposable
{
    private readonly ReleaseKey _key = new();
    private readonly RangeFileServer _server = new();

    [Fact]
    public void A_new_application_that_never_reaches_the_broker_is_rolled_back_and_the_old_one_reports_failed()
    {
        using var device = new OtaDevice(_key).Boot();
        var release = Offer(device, "1.1.0", 31);
        Assert.True(device.RunUntil(d => d.Boots == 2, TimeSpan.FromMinutes(30)));
        Assert.Equal("1.1.0", device.Options.FirmwareVersion);
        Assert.Equal(OtaPhase.Confirming, device.Agent.Phase);

        // The new version cannot connect (say its MQTT code is broken): the deadline passes, the agent reboots, the loader rolls back.
        device.Broker.RefuseConnections = true;
        long trialStart = device.Clock.UptimeMilliseconds;
        Assert.True(device.RunUntil(d => d.Boots == 3, TimeSpan.FromMinutes(30)));
        Assert.InRange(device.Clock.UptimeMilliseconds - trialStart, 300_000, 310_000);
        Assert.Equal(OtaDevice.FactoryVersion, device.Options.FirmwareVersion);

        device.Broker.RefuseConnections = false;
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Failed), TimeSpan.FromMinutes(30)));

        OtaProgress failed = device.LastReport!;
        Assert.Equal((31L, "1.1.0"), (failed.RolloutId, failed.Version));
        Assert.Equal("version 1.1.0 did not confirm its health within 300 s: no connection to the broker", failed.Reason);
        Assert.Equal(OtaDevice.FactoryVersion, device.ReportedVersions().Last());
        Assert.Equal(AppSetNames.SlotA, device.CurrentSlot);
        Assert.DoesNotContain(device.OtaReports(), r => r.Status == OtaStatus.Succeeded);
        Assert.Equal(["ota-status", "ota-taken"], device.OtaFiles());

        // It stays on the old version: the same rollout offered again is not taken.
        device.Reboot();
        device.RunFor(TimeSpan.FromMinutes(10));
        Assert.Equal(OtaDevice.FactoryVersion, device.Options.FirmwareVersion);
        Assert.Equal(release.Size, _server.BodyBytes);
    }

    [Fact]
    public void A_new_application_that_connects_but_whose_reports_are_never_acknowledged_is_rolled_back()
    {
        using var device = new OtaDevice(_key).Boot();
        Offer(device, "1.1.0", 32);
        Assert.True(device.RunUntil(d => d.Boots == 2, TimeSpan.FromMinutes(30)));

        device.Broker.AutoAcknowledge = false;
        Assert.True(device.RunUntil(d => d.Boots == 3, TimeSpan.FromMinutes(30)));
        device.Broker.AutoAcknowledge = true;
        device.Broker.DropConnection();
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Failed), TimeSpan.FromMinutes(30)));

        Assert.Equal("version 1.1.0 did not confirm its health within 300 s: no state report was acknowledged", device.LastReport!.Reason);
        Assert.Equal(OtaDevice.FactoryVersion, device.Options.FirmwareVersion);
    }

    [Fact]
    public void A_power_cut_during_the_trial_counts_as_a_failed_trial()
    {
        using var device = new OtaDevice(_key).Boot();
        Offer(device, "1.1.0", 33);
        Assert.True(device.RunUntil(d => d.Boots == 2, TimeSpan.FromMinutes(30)));

        // Off and on again before the new application confirmed: the loader finds the trial unconfirmed.
        device.Broker.RefuseConnections = true;
        device.Reboot();
        device.Broker.RefuseConnections = false;
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Failed), TimeSpan.FromMinutes(30)));

        Assert.Equal("version 1.1.0 did not confirm its health; rolled back", device.LastReport!.Reason);
        Assert.Equal(OtaDevice.FactoryVersion, device.Options.FirmwareVersion);
    }

    [Fact]
    public void A_new_set_whose_files_cannot_be_loaded_is_rolled_back_at_once()
    {
        using var device = new OtaDevice(_key).Boot();
        Offer(device, "1.1.0", 34);
        Assert.True(device.RunUntil(d => d.Agent.Phase == OtaPhase.Rebooting, TimeSpan.FromMinutes(30)));

        // Flash lost a file between the install and the reboot: the loader cannot start the set.
        device.Flash.Delete(AppSetNames.File(AppSetNames.SlotB, 0));
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Failed), TimeSpan.FromMinutes(30)));

        Assert.Equal("version 1.1.0 could not be started: the files of slot b are missing or not their recorded size", device.LastReport!.Reason);
        Assert.Equal(OtaDevice.FactoryVersion, device.Options.FirmwareVersion);
        Assert.Equal(2, device.Boots);
    }

    [Fact]
    public void When_the_installing_and_rebooting_reports_cannot_be_sent_the_device_reboots_after_waiting_30_s_for_each()
    {
        using var device = new OtaDevice(_key).Boot();
        Offer(device, "1.1.0", 35);
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Verified), TimeSpan.FromMinutes(30)));
        device.Broker.RefuseConnections = true;
        device.Broker.DropConnection();
        long verifiedAt = device.Clock.UptimeMilliseconds;

        Assert.True(device.RunUntil(d => d.Boots == 2, TimeSpan.FromMinutes(30)));

        // Two waits of 30 s (INSTALLING, REBOOTING) for acknowledgements that cannot come.
        Assert.InRange(device.Clock.UptimeMilliseconds - verifiedAt, 60_000, 61_000);
        device.Broker.RefuseConnections = false;
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Succeeded), TimeSpan.FromMinutes(30)));
    }

    public void Dispose() => _server.Dispose();

    private SignedRelease Offer(OtaDevice device, string version, long rolloutId)
    {
        var release = SignedRelease.Random(_key, version, OtaDevice.Board, seed: (int)rolloutId, 12_000, 3_000);
        release.Publish(_server);
        device.Offer(release.Offer(rolloutId, _server.BaseUrl, _server.Token!));
        return release;
    }
}
