using NordicIoT.Device.Configuration;
using NordicIoT.Device.Platform;
using NordicIoT.Device.Tests.Runtime;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Tests.Ota;

/// <summary>An update must not get in the way of the device's job: sampling and uplinks go on, progress reports stay few, other files stay untouched.</summary>
public sealed class DataCollectionTests : IDisposable
{
    private readonly ReleaseKey _key = new();
    private readonly RangeFileServer _server = new();

    [Fact]
    public void Sampling_and_uplinks_continue_while_the_release_downloads_one_fragment_per_step()
    {
        using var device = new OtaDevice(_key) { StepMilliseconds = 1000 };
        byte[] config = DeviceHarness.Config(1, c =>
        {
            c.SetSampleInterval(SensorKind.Temperature, 5);
            c.UplinkInterval = 10;
        });
        device.Flash.Replace(ConfigHandler.FileName, config, 0, config.Length);
        device.Boot();
        var release = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 1, 100 * 2048);
        release.Publish(_server);

        device.Offer(release.Offer(1, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Downloading), TimeSpan.FromMinutes(1)));
        long start = device.Clock.UnixSeconds;
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Verified), TimeSpan.FromMinutes(30)));
        long end = device.Clock.UnixSeconds;

        // A 2 KB/s link: 100 s of download, during which the temperature was read every 5 s and sent every 10 s.
        Assert.InRange(end - start, 95, 110);
        List<long> times = DeliveredReadings(device).Where(r => r.Sensor == SensorKind.Temperature && r.Time >= start && r.Time <= end).Select(r => r.Time).ToList();
        Assert.InRange(times.Count, (end - start) / 5 - 1, (end - start) / 5 + 1);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(5, pair.Second - pair.First));
    }

    [Fact]
    public void Download_progress_is_reported_every_ten_percent_not_per_fragment()
    {
        using var device = new OtaDevice(_key).Boot();
        var release = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 2, 100 * 2048);
        release.Publish(_server);

        device.Offer(release.Offer(2, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Verified), TimeSpan.FromMinutes(30)));

        List<int> percents = device.OtaReports().Where(r => r.Status == OtaStatus.Downloading).Select(r => r.Percent).ToList();
        Assert.Equal(100, _server.Requests);
        Assert.Equal([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], percents);
    }

    [Fact]
    public void On_a_slow_link_progress_is_reported_at_least_every_30_s_and_no_more_often()
    {
        using var device = new OtaDevice(_key) { StepMilliseconds = 1000 };
        device.Options.Ota.ProgressStepPercent = 50;
        device.Boot();
        var release = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 3, 100 * 2048);
        release.Publish(_server);

        device.Offer(release.Offer(3, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Verified), TimeSpan.FromMinutes(30)));

        var reports = device.Broker.Published.Where(p => p.Topic == device.Topics.State).Select(p => DeviceHarness.DecodeState(p.Payload))
            .Where(s => s.Ota is { Status: OtaStatus.Downloading }).ToList();
        List<long> gaps = reports.Zip(reports.Skip(1), (a, b) => b.Time - a.Time).ToList();
        Assert.Equal(3, gaps.Count);
        Assert.All(gaps, gap => Assert.InRange(gap, 30, 31));
    }

    [Fact]
    public void An_update_writes_and_deletes_only_its_own_files_and_the_reading_buffer_s()
    {
        using var device = new OtaDevice(_key);
        string[] provisioned = ["device.json", "ca.crt", "device.crt", "device.key"];
        foreach (string name in provisioned)
        {
            device.Flash.Replace(name, [1, 2, 3], 0, 3);
        }

        var watched = new WriteLog(device.Flash);
        device.Storage = watched;
        device.Boot();
        var good = SignedRelease.Random(_key, "1.1.0", OtaDevice.Board, seed: 4, 20_000);
        good.Publish(_server);
        device.Offer(good.Offer(4, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.Reported(OtaStatus.Succeeded), TimeSpan.FromMinutes(30)));
        var broken = new SignedRelease(_key, "1.2.0", [OtaDevice.Board], [("x.pe", new byte[9000])]);
        _server.Add("x.pe", new byte[9000].Select(_ => (byte)7).ToArray());
        device.Offer(broken.Offer(5, _server.BaseUrl, _server.Token!));
        Assert.True(device.RunUntil(d => d.LastReport is { RolloutId: 5, Status: OtaStatus.Failed }, TimeSpan.FromMinutes(30)));

        Assert.All(watched.Written, name => Assert.True(name.StartsWith("ota-", StringComparison.Ordinal) || name.StartsWith("rb-", StringComparison.Ordinal), name));
        Assert.All(provisioned, name => Assert.Equal([1, 2, 3], device.ReadFile(name)));
        Assert.Equal(device.Options.Ota.TrustedKeyFile, device.Flash.List().Single(n => n.EndsWith(".pub", StringComparison.Ordinal)));
    }

    public void Dispose() => _server.Dispose();

    private static List<Storage.Reading> DeliveredReadings(OtaDevice device) =>
        device.Broker.Published.Where(p => p.Topic == device.Topics.Batch).SelectMany(p => DeviceHarness.DecodeBatch(p.Payload)).ToList();

    // Notes the name of every file appended to, replaced or deleted.
    private sealed class WriteLog(IFileStorage inner) : IFileStorage
    {
        public HashSet<string> Written { get; } = new(StringComparer.Ordinal);

        public bool Exists(string name) => inner.Exists(name);

        public int Length(string name) => inner.Length(name);

        public int Read(string name, int position, byte[] buffer, int offset, int count) => inner.Read(name, position, buffer, offset, count);

        public void Append(string name, byte[] data, int offset, int count)
        {
            Written.Add(name);
            inner.Append(name, data, offset, count);
        }

        public void Replace(string name, byte[] data, int offset, int count)
        {
            Written.Add(name);
            inner.Replace(name, data, offset, count);
        }

        public void Delete(string name)
        {
            Written.Add(name);
            inner.Delete(name);
        }

        public string[] List() => inner.List();

        public long FreeBytes() => inner.FreeBytes();
    }
}
