using System.Collections.Concurrent;
using NordicIoT.Device.Host.Simulation;
using NordicIoT.Device.Ota;
using NordicIoT.Mqtt;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;
using NordicIoT.Testing;
using Xunit.Abstractions;

namespace NordicIoT.Device.Tests.Ota;

/// <summary>The fleet simulator's devices take an update end to end: retained offers through a real Mosquitto with mutual TLS, files over HTTP.</summary>
public sealed class FleetUpdateTests(ITestOutputHelper output)
{
    private const int Devices = 20;
    private const string Prefix = "ota-sim-";

    [Fact]
    public async Task Simulated_devices_download_reboot_through_the_loader_and_report_the_new_version()
    {
        using var broker = TestBroker.Start();
        using var state = new TempFolder("ota-fleet");
        using var server = new RangeFileServer();
        var key = new ReleaseKey();
        File.WriteAllBytes(new DeviceCertificates(broker.Certificates.RootDirectory).ReleaseKeyPath, key.PublicPoint);
        for (int n = 1; n <= Devices; n++)
        {
            broker.Certificates.IssueDeviceCertificate(FleetOptions.DeviceIdFor(Prefix, n));
        }

        var release = SignedRelease.Random(key, "0.1.0", FleetOptions.Board, seed: 1, 150_000, 50_000);
        release.Publish(server);
        using var fleet = new FleetSimulator(new FleetOptions
        {
            Devices = Devices,
            Prefix = Prefix,
            BrokerHost = "127.0.0.1",
            BrokerPort = broker.Port,
            CertificateFolder = broker.Certificates.RootDirectory,
            StateFolder = state.Path,
            WorkerThreads = 4,
        });
        var latest = new ConcurrentDictionary<string, StateReport>(StringComparer.Ordinal);
        await using var cloud = new MqttClient(broker.CloudOptions());
        cloud.MessageReceived += (_, e) => Remember(latest, e.Message);
        await cloud.ConnectAsync(new MqttConnectOptions("cloud-ota"));
        await cloud.SubscribeAsync("d/+/s", MqttQos.AtLeastOnce);
        fleet.Start();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int n = 1; n <= Devices; n++)
        {
            string id = FleetOptions.DeviceIdFor(Prefix, n);
            var receipt = await cloud.PublishAsync(new Topics(id).Offer, release.Offer(100, server.BaseUrl, server.Token!), MqttQos.AtLeastOnce, retain: true);
            await receipt.Acknowledged.WaitAsync(TimeSpan.FromSeconds(10));
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !AllUpdated(latest))
        {
            await Task.Delay(100);
        }

        TimeSpan took = clock.Elapsed;
        FleetSnapshot totals = fleet.Stop(TimeSpan.FromSeconds(2));
        Assert.True(AllUpdated(latest), $"{string.Join("; ", latest.Select(p => $"{p.Key}: {p.Value.FirmwareVersion} {p.Value.Ota?.Status} {p.Value.Ota?.Reason}"))}; {totals.LastFailure}");
        Assert.Equal(Devices, totals.Reboots);
        Assert.Equal(Devices * release.Size, server.BodyBytes);
        output.WriteLine($"{Devices} simulated devices updated ({release.Size} B each, {OtaOptions.DefaultFragmentBytes} B ranges) in {took.TotalSeconds:F1} s from the first offer to the last SUCCEEDED");
    }

    private static bool AllUpdated(ConcurrentDictionary<string, StateReport> latest) =>
        latest.Count == Devices && latest.Values.All(s => s.Ota is { RolloutId: 100, Status: OtaStatus.Succeeded, Version: "0.1.0" } && s.FirmwareVersion == "0.1.0");

    // Keeps, per device, the latest value of the fields the test looks at (state reports are partial).
    private static void Remember(ConcurrentDictionary<string, StateReport> latest, MqttMessage message)
    {
        var report = new StateReport();
        StateReportCodec.Decode(new CborReader(message.Payload, 0, message.Payload.Length), report);
        string id = message.Topic.Split('/')[1];
        latest.AddOrUpdate(id, report, (_, known) =>
        {
            if (report.FirmwareVersion is not null)
            {
                known.FirmwareVersion = report.FirmwareVersion;
            }

            if (report.Ota is not null)
            {
                known.Ota = report.Ota;
            }

            return known;
        });
    }
}
