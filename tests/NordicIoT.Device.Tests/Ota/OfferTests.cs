using NordicIoT.Device.Ota;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Tests.Ota;

/// <summary>Offers the device refuses before it downloads anything: bad signature, wrong board, no upgrade, a rollout taken before.</summary>
public sealed class OfferTests : IDisposable
{
    private readonly ReleaseKey _key = new();
    private readonly RangeFileServer _server = new();

    [Fact]
    public void A_manifest_signed_by_another_key_is_rejected_before_any_byte_is_fetched()
    {
        var release = SignedRelease.Random(new ReleaseKey(), "1.1.0", OtaDevice.Board, seed: 1, 10_000);

        OtaProgress rejection = Rejected(release, 1);

        Assert.Equal("the manifest's signature is not valid (it does not match the release key)", rejection.Reason);
    }

    [Fact]
    public void A_manifest_changed_after_signing_is_rejected()
    {
        var release = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 1, 10_000);
        release.Signature = _key.Sign(SignedRelease.Random(_key, "1.1.1", OtaDevice.Board, seed: 1, 10_000).Manifest);

        Assert.StartsWith("the manifest's signature is not valid", Rejected(release, 1).Reason);
    }

    [Fact]
    public void A_signature_with_s_zero_is_rejected_with_its_reason()
    {
        var release = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 1, 10_000);
        release.Signature = [.. release.Signature[..32], .. new byte[32]];

        Assert.Equal("the manifest's signature is not valid (s is out of range)", Rejected(release, 1).Reason);
    }

    [Fact]
    public void A_release_for_other_boards_is_rejected()
    {
        var release = SignedRelease.Random(_key, "1.1.0", "ESP32_C3", seed: 1, 10_000);

        Assert.Equal("release 1.1.0 is not built for board ESP32_PSRAM_REV3", Rejected(release, 1).Reason);
    }

    [Theory]
    [InlineData("0.9.9")]
    [InlineData("1.0.0")]
    [InlineData("1.0.0-rc.1")]
    public void A_release_that_is_not_newer_is_rejected(string version)
    {
        var release = SignedRelease.Random(_key, version, OtaDevice.Board, seed: 1, 10_000);

        OtaProgress rejection = Rejected(release, 1);

        Assert.Equal($"release {version} is not newer than the running 1.0.0", rejection.Reason);
        Assert.Equal(version, rejection.Version);
    }

    [Fact]
    public void A_downgrade_the_manifest_allows_is_taken()
    {
        var release = new SignedRelease(_key, "0.9.0", [OtaDevice.Board], [("app.pe", new byte[3000])], allowDowngrade: true);
        release.Publish(_server);
        using var device = new OtaDevice(_key).Boot();

        device.Offer(release.Offer(1, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Succeeded), TimeSpan.FromMinutes(30)));

        Assert.Equal("0.9.0", device.Options.FirmwareVersion);
    }

    [Fact]
    public void A_rollout_taken_before_is_rejected_even_after_other_rollouts_and_reboots()
    {
        using var device = new OtaDevice(_key).Boot();
        var first = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 1, 3000);
        first.Publish(_server);
        device.Offer(first.Offer(21, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Succeeded), TimeSpan.FromMinutes(30)));
        device.Offer(SignedRelease.Random(_key, "1.0.5", OtaDevice.Board, seed: 2, 3000).Offer(22, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.LastReport is { RolloutId: 22, Status: OtaStatus.Rejected }, TimeSpan.FromMinutes(1)));
        device.Reboot();
        int requests = _server.Requests;

        var again = SignedRelease.Random(_key, "1.3.0", OtaDevice.Board, seed: 3, 3000);
        again.Publish(_server);
        device.Offer(again.Offer(21, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.LastReport is { RolloutId: 21, Status: OtaStatus.Rejected }, TimeSpan.FromMinutes(1)));

        Assert.Equal("rollout 21 was taken before", device.LastReport!.Reason);
        Assert.Equal(requests, _server.Requests);
        Assert.Equal("1.1.0", device.Options.FirmwareVersion);
    }

    [Fact]
    public void Without_a_trusted_key_on_flash_every_offer_is_rejected()
    {
        using var device = new OtaDevice(_key);
        device.Flash.Delete(OtaOptions.DefaultTrustedKeyFile);
        device.Boot();

        device.Offer(SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 1, 3000).Offer(1, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Rejected), TimeSpan.FromMinutes(1)));

        Assert.Equal("no trusted release key (release.pub) on the device", device.LastReport!.Reason);
    }

    [Fact]
    public void An_unreadable_offer_is_rejected_with_the_decoder_s_reason()
    {
        using var device = new OtaDevice(_key).Boot();

        device.Offer([0xa1, 0x00, 0x02]);
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Rejected), TimeSpan.FromMinutes(1)));

        Assert.StartsWith("the offer is unreadable: ", device.LastReport!.Reason);
        Assert.Equal(0, device.LastReport.RolloutId);
    }

    [Fact]
    public void A_file_name_that_could_not_be_a_storage_name_is_rejected()
    {
        var release = new SignedRelease(_key, "1.1.0", [OtaDevice.Board], [("../app.pe", new byte[100])]);

        Assert.Equal("file name \"../app.pe\" is not 1-64 characters of A-Z a-z 0-9 . _ -", Rejected(release, 1).Reason);
    }

    [Fact]
    public void The_same_rejected_offer_again_stays_rejected_and_downloads_nothing()
    {
        using var device = new OtaDevice(_key).Boot();
        byte[] offer = SignedRelease.Random(new ReleaseKey(), "1.1.0", OtaDevice.Board, seed: 1, 3000).Offer(3, _server.BaseUrl, _server.Token!);
        device.Offer(offer);
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Rejected), TimeSpan.FromMinutes(1)));
        device.RunFor(TimeSpan.FromMinutes(1));
        int reports = device.OtaReports().Count;

        device.Broker.DropConnection();
        device.RunFor(TimeSpan.FromMinutes(5));

        // The reconnect's full report repeats the status; no new rejection is made.
        Assert.All(device.OtaReports().Skip(reports), r => Assert.Equal((3L, OtaStatus.Rejected), (r.RolloutId, r.Status)));
        Assert.Equal(0, _server.Requests);
    }

    public void Dispose() => _server.Dispose();

    // Offers the release on a fresh device and returns the rejection it reports; nothing may have been downloaded.
    private OtaProgress Rejected(SignedRelease release, long rolloutId)
    {
        release.Publish(_server);
        using var device = new OtaDevice(_key).Boot();
        device.Offer(release.Offer(rolloutId, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.LastReport is not null, TimeSpan.FromMinutes(1)));
        device.RunFor(TimeSpan.FromMinutes(1));

        OtaProgress report = device.LastReport!;
        Assert.Equal((rolloutId, OtaStatus.Rejected), (report.RolloutId, report.Status));
        Assert.Equal(0, _server.Requests);
        Assert.Equal(["ota-status"], device.OtaFiles());
        Assert.Equal(OtaPhase.Idle, device.Agent.Phase);
        return report;
    }
}
