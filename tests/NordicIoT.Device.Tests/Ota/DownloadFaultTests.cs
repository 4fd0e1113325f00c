using NordicIoT.Device.Ota;
using NordicIoT.Device.Ota.AppSets;
using NordicIoT.Schemas.Messages;
using Xunit.Abstractions;

namespace NordicIoT.Device.Tests.Ota;

/// <summary>Downloads that go wrong: dropped connections, reboots, corrupted or refused files, a full flash, a withdrawn offer.</summary>
public sealed class DownloadFaultTests(ITestOutputHelper output) : IDisposable
{
    private readonly ReleaseKey _key = new();
    private readonly RangeFileServer _server = new();

    [Fact]
    public void A_connection_dropped_twice_resumes_where_the_staged_bytes_end_never_from_zero()
    {
        using var device = new OtaDevice(_key).Boot();
        var release = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 2, 100_000, 50_000);
        release.Publish(_server);
        _server.DropRequest(20, 1500);
        _server.DropRequest(70, 700);

        device.Offer(release.Offer(3, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Succeeded), TimeSpan.FromMinutes(30)));

        List<ServedRange> served = [.. _server.Served];
        int first = served.FindIndex(r => r.Dropped);
        int second = served.FindLastIndex(r => r.Dropped);
        Assert.NotEqual(first, second);
        foreach (int drop in new[] { first, second })
        {
            // The next request asks again for the range that broke off: the bytes before it were kept.
            Assert.True(served[drop].From > 0);
            Assert.Equal((served[drop].File, served[drop].From), (served[drop + 1].File, served[drop + 1].From));
        }

        long extra = _server.BodyBytes - release.Size;
        Assert.Equal(1500 + 700, extra);
        Assert.True(_server.BodyBytes < 2 * release.Size);
        Assert.Equal("1.1.0", device.Options.FirmwareVersion);

        // A dropped connection is replaced once; the ranges between drops share one.
        Assert.Equal(3, device.Wire.Connections);
        output.WriteLine($"image {release.Size} B; interrupted twice: {_server.BodyBytes} B of body ({extra} B extra, {100.0 * extra / release.Size:F2} %); on the wire {device.Wire.Received + device.Wire.Sent} B over {device.Wire.Connections} connections");
    }

    [Fact]
    public void A_reboot_mid_download_resumes_from_the_staged_length_after_re_hashing_it()
    {
        using var device = new OtaDevice(_key).Boot();
        var release = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 3, 60_000, 60_000);
        release.Publish(_server);
        device.Offer(release.Offer(4, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.Agent.Phase == OtaPhase.Downloading && d.Flash.Exists("ota-b-1") && d.Flash.Length("ota-b-1") > 20_000, TimeSpan.FromMinutes(30)));
        long stagedAtReboot = device.Flash.Length("ota-b-1");
        int servedBefore = _server.Served.Count;

        device.Reboot();
        Assert.Equal(OtaPhase.Downloading, device.Agent.Phase);
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Succeeded), TimeSpan.FromMinutes(30)));

        ServedRange resumed = _server.Served[servedBefore];
        Assert.Equal(("app-1.pe", stagedAtReboot), (resumed.File, resumed.From));
        Assert.Equal(release.Size, _server.BodyBytes);
        Assert.Equal("1.1.0", device.Options.FirmwareVersion);
    }

    [Fact]
    public void A_file_that_does_not_match_its_hash_fails_the_update_and_the_old_application_keeps_running()
    {
        using var device = new OtaDevice(_key).Boot();
        var release = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 4, 30_000, 8_000);
        release.Publish(_server);
        byte[] corrupted = [.. release.Files[1].Content];
        corrupted[4321] ^= 0x40;
        _server.Add(release.Files[1].Name, corrupted);

        device.Offer(release.Offer(5, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Failed), TimeSpan.FromMinutes(30)));
        device.RunFor(TimeSpan.FromMinutes(10));

        Assert.Equal("app-1.pe failed its SHA-256 check", device.LastReport!.Reason);
        Assert.Equal(1, device.Boots);
        Assert.Equal(0, device.SystemControl.RebootRequests);
        Assert.Equal(OtaDevice.FactoryVersion, device.Options.FirmwareVersion);
        Assert.DoesNotContain(device.OtaReports(), r => r.Status is OtaStatus.Installing or OtaStatus.Rebooting);
        Assert.Equal(["ota-status", "ota-taken"], device.OtaFiles());
    }

    [Fact]
    public void Flash_that_would_fall_below_the_reserve_fails_the_update_before_the_file_is_fetched()
    {
        using var device = new OtaDevice(_key);
        device.Options.Ota.FlashReserveBytes = 16 * 1024;
        device.Boot();

        // Room for the buffer's 64 KB, the reserve and the first file, not the second.
        device.Flash.CapacityBytes = device.Flash.BytesOf("") + device.Options.BufferCapacityBytes + (16 * 1024) + 40_000;
        var release = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 5, 30_000, 30_000);
        release.Publish(_server);

        device.Offer(release.Offer(6, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Failed), TimeSpan.FromMinutes(30)));

        Assert.StartsWith("no room for app-1.pe: needs 30000 bytes", device.LastReport!.Reason);
        Assert.Equal(30_000, _server.BodyBytes);
        Assert.DoesNotContain(_server.Served, r => r.File == "app-1.pe");
        Assert.Equal(["ota-status", "ota-taken"], device.OtaFiles());
        Assert.True(device.Flash.FreeBytes() >= device.Options.BufferCapacityBytes + (16 * 1024));
    }

    [Fact]
    public void A_refused_download_fails_the_update_with_the_http_status()
    {
        using var device = new OtaDevice(_key).Boot();
        var release = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 6, 10_000);
        release.Publish(_server);

        device.Offer(release.Offer(7, _server.BaseUrl, "expired-token"));
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Failed), TimeSpan.FromMinutes(30)));

        Assert.StartsWith("download of app-0.pe refused: HTTP 401", device.LastReport!.Reason);
        Assert.Equal(0, _server.BodyBytes);
    }

    [Fact]
    public void A_re_sent_offer_with_a_fresh_token_carries_on_with_it_from_the_staged_bytes()
    {
        using var device = new OtaDevice(_key).Boot();
        var release = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 7, 40_000);
        release.Publish(_server);
        device.Offer(release.Offer(8, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.Flash.Exists("ota-b-0") && d.Flash.Length("ota-b-0") >= 10_000, TimeSpan.FromMinutes(30)));

        _server.Token = "renewed-token";
        device.Offer(release.Offer(8, _server.BaseUrl, "renewed-token"));
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Succeeded), TimeSpan.FromMinutes(30)));

        Assert.Equal(release.Size, _server.BodyBytes);
        Assert.DoesNotContain(device.OtaReports(), r => r.Status == OtaStatus.Failed);
    }

    [Fact]
    public void A_withdrawn_offer_stops_the_download_and_frees_the_staging_slot()
    {
        using var device = new OtaDevice(_key).Boot();
        var release = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 8, 40_000);
        release.Publish(_server);
        device.Offer(release.Offer(9, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.Flash.Exists("ota-b-0") && d.Flash.Length("ota-b-0") >= 10_000, TimeSpan.FromMinutes(30)));

        device.Offer([]);
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Failed), TimeSpan.FromMinutes(1)));
        int requests = _server.Requests;
        device.RunFor(TimeSpan.FromMinutes(5));

        Assert.Equal("the offer was withdrawn", device.LastReport!.Reason);
        Assert.Equal(requests, _server.Requests);
        Assert.Equal(["ota-status", "ota-taken"], device.OtaFiles());
    }

    [Fact]
    public void Failed_attempts_back_off_up_to_a_minute_apart_and_the_download_carries_on_when_the_server_answers_again()
    {
        using var device = new OtaDevice(_key).Boot();
        var release = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 9, 20_000);
        release.Publish(_server);
        for (int request = 1; request <= 8; request++)
        {
            _server.DropRequest(request, 0);
        }

        device.Offer(release.Offer(10, _server.BaseUrl, _server.Token!));
        long start = device.Clock.UptimeMilliseconds;
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Verified), TimeSpan.FromMinutes(30)));

        // Waits of 1, 2, 4, 8, 16, 32, 60 and 60 s after the eight failures, not a busy loop.
        Assert.InRange(device.Clock.UptimeMilliseconds - start, 183_000, 200_000);
        Assert.Equal(release.Size, _server.BodyBytes);
        Assert.Equal(8 + 10, _server.Requests);
    }

    public void Dispose() => _server.Dispose();
}
