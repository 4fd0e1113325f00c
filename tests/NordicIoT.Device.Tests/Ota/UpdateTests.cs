using NordicIoT.Device.Ota;
using NordicIoT.Device.Ota.AppSets;
using NordicIoT.Schemas.Messages;
using Xunit.Abstractions;

namespace NordicIoT.Device.Tests.Ota;

/// <summary>A whole update on one device: offer, download over real HTTP, verify, install, reboot through the loader, health confirmation.</summary>
public sealed class UpdateTests(ITestOutputHelper output) : IDisposable
{
    private readonly ReleaseKey _key = new();
    private readonly RangeFileServer _server = new();

    [Fact]
    public void An_update_downloads_each_byte_once_switches_after_a_reboot_and_succeeds_with_the_new_version()
    {
        using var device = new OtaDevice(_key).Boot();
        var release = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 1, 150_000, 30_000, 20_500);
        release.Publish(_server);

        device.Offer(release.Offer(11, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Succeeded), TimeSpan.FromMinutes(30)), Describe(device));

        Assert.Equal(2, device.Boots);
        Assert.Equal("1.1.0", device.Options.FirmwareVersion);
        Assert.Equal("1.1.0", device.ReportedVersions().Last());
        Assert.Equal(AppSetNames.SlotB, device.CurrentSlot);
        for (int i = 0; i < release.Files.Length; i++)
        {
            Assert.Equal(release.Files[i].Content, device.ReadFile(AppSetNames.File(AppSetNames.SlotB, i)));
        }

        // Each byte fetched exactly once, in 2 KB ranges: the only overhead is HTTP's headers.
        Assert.Equal(release.Size, _server.BodyBytes);
        Assert.All(_server.Served, r => Assert.True(r.To - r.From + 1 <= OtaOptions.DefaultFragmentBytes));
        Assert.Equal((int)Math.Ceiling(150_000 / 2048.0) + (int)Math.Ceiling(30_000 / 2048.0) + (int)Math.Ceiling(20_500 / 2048.0), _server.Requests);

        var statuses = device.OtaReports().Select(r => r.Status).Distinct().ToList();
        Assert.Equal([OtaStatus.Downloading, OtaStatus.Verified, OtaStatus.Installing, OtaStatus.Rebooting, OtaStatus.Succeeded], statuses);
        Assert.All(device.OtaReports(), r => Assert.Equal(11, r.RolloutId));
        Assert.Equal("1.1.0", device.LastReport!.Version);

        // The markers are gone; the old set's slot (a: the factory application) is kept for a rollback.
        Assert.Equal(["ota-b-0", "ota-b-1", "ota-b-2", "ota-b.set", "ota-current", "ota-status", "ota-taken"], device.OtaFiles());
        // One kept-alive connection carries every range of every file.
        Assert.Equal(1, device.Wire.Connections);
        long wire = device.Wire.Received + device.Wire.Sent;
        output.WriteLine($"image {release.Size} B; body {_server.BodyBytes} B in {_server.Requests} ranged GETs over {device.Wire.Connections} connection(s); on the wire {device.Wire.Received} B received + {device.Wire.Sent} B sent = {wire} B, {100.0 * (wire - release.Size) / release.Size:F1} % over the image");
    }

    [Fact]
    public void The_next_update_goes_to_the_other_slot_and_keeps_the_running_set_for_rollback()
    {
        using var device = new OtaDevice(_key).Boot();
        var first = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 1, 10_000);
        first.Publish(_server);
        device.Offer(first.Offer(1, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.LastReport?.Status == OtaStatus.Succeeded, TimeSpan.FromMinutes(30)), Describe(device));

        var second = new SignedRelease(_key, "1.2.0", [OtaDevice.Board], [("next.pe", new byte[5_000])]);
        second.Publish(_server);
        device.Offer(second.Offer(2, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.LastReport is { RolloutId: 2, Status: OtaStatus.Succeeded }, TimeSpan.FromMinutes(30)), Describe(device));

        Assert.Equal("1.2.0", device.Options.FirmwareVersion);
        Assert.Equal(AppSetNames.SlotA, device.CurrentSlot);
        Assert.Equal("1.1.0", AppSetRecord.Read(device.Flash, AppSetNames.SlotB)!.Version);
        Assert.True(AppSetRecord.Read(device.Flash, AppSetNames.SlotB)!.FilesPresent(device.Flash, AppSetNames.SlotB));
    }

    [Fact]
    public void The_retained_offer_that_comes_again_after_the_reboot_changes_nothing()
    {
        using var device = new OtaDevice(_key).Boot();
        var release = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 1, 4_000);
        release.Publish(_server);
        device.Offer(release.Offer(5, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Succeeded), TimeSpan.FromMinutes(30)), Describe(device));
        int requests = _server.Requests;

        // Reconnects deliver the retained offer again; so does a reboot.
        device.Broker.DropConnection();
        device.RunFor(TimeSpan.FromMinutes(5));
        device.Reboot();
        device.RunFor(TimeSpan.FromMinutes(5));

        Assert.Equal(requests, _server.Requests);
        Assert.Equal(OtaStatus.Succeeded, device.LastReport!.Status);
        Assert.Equal(OtaPhase.Idle, device.Agent.Phase);
    }

    public void Dispose() => _server.Dispose();

    private string Describe(OtaDevice device) =>
        $"phase {device.Agent.Phase}, boots {device.Boots}, reports: {string.Join(", ", device.OtaReports().Select(r => $"{r.RolloutId}:{r.Status}:{r.Percent}:{r.Reason}"))}, server: {_server.Requests} requests";
}
