using System.Diagnostics;
using NordicIoT.Device.Host.Simulation;
using NordicIoT.EndToEnd.Support;
using NordicIoT.LocalStack;
using Xunit.Abstractions;

namespace NordicIoT.EndToEnd;

/// <summary>
/// Firmware updates on real parts: a build output signed and uploaded with `nordiciot firmware sign|upload`, rolled out
/// through the cloud API in two stages to 20 simulated devices (the device library's OTA agent and loader), which take
/// their offers from Mosquitto and download from the cloud with Range requests.
/// </summary>
public abstract class OtaRolloutTests(OtaFleetStack stack, ITestOutputHelper output)
{
    /// <summary>The stack under test.</summary>
    protected OtaFleetStack Stack => stack;

    [Fact]
    public async Task A_release_rolled_out_in_two_stages_reaches_every_device_and_they_report_the_new_version()
    {
        var release = await stack.UploadAsync("1.0.0", ("NordicIoT.Device.App.pe", 150_000), ("NordicIoT.Device.pe", 50_000));
        var bytesBefore = (stack.Downloads.BytesToServer, stack.Downloads.BytesToClient);
        var clock = Stopwatch.StartNew();

        long rollout = await stack.StartRolloutAsync(new { releaseId = release.Id, target = new { group = LocalStackHost.SimulatedGroup }, stages = new[] { 50, 100 } });
        var firstStage = await stack.EndedExecutionsAsync(rollout);
        var firstStageTook = clock.Elapsed;
        Assert.All(firstStage, e => Assert.Equal("SUCCEEDED", e.Status));
        Assert.InRange(firstStage.Count, 1, OtaFleetStack.Devices - 1);
        foreach (var device in stack.DeviceIds())
        {
            Assert.Equal(firstStage.Any(e => e.DeviceId == device) ? "1.0.0" : FleetOptions.FactoryFirmwareVersion, await stack.ReportedVersionAsync(device));
        }

        clock.Restart();
        (await stack.Admin.PostAsync($"api/rollouts/{rollout}/advance", null)).EnsureSuccessStatusCode();
        var all = await stack.EndedExecutionsAsync(rollout, OtaFleetStack.Devices);
        var secondStageTook = clock.Elapsed;
        Assert.All(all, e => Assert.Equal("SUCCEEDED", e.Status));
        await Eventually.TrueAsync(async () => (await stack.GetJsonAsync($"api/rollouts/{rollout}")).GetProperty("status").GetString() == "COMPLETED", OtaFleetStack.OtaPatience, () => "the rollout completed");
        foreach (var device in stack.DeviceIds())
        {
            await Eventually.TrueAsync(async () => await stack.ReportedVersionAsync(device) == "1.0.0", OtaFleetStack.OtaPatience, () => $"{device} reports 1.0.0");
        }

        Assert.Equal(OtaFleetStack.Devices, stack.Stack.Fleet!.Snapshot().Reboots);
        output.WriteLine($"stage 1: {firstStage.Count} devices updated in {firstStageTook.TotalSeconds:F1} s; stage 2: {OtaFleetStack.Devices - firstStage.Count} more in {secondStageTook.TotalSeconds:F1} s");
        ReportWire(release.Size, OtaFleetStack.Devices, bytesBefore);
    }

    /// <summary>What the devices' downloads through the relay cost over <paramref name="updates"/> updates of <paramref name="imageBytes"/>.</summary>
    protected virtual void ReportWire(long imageBytes, int updates, (long ToServer, long ToClient) before)
    {
    }
}

/// <summary>Release files in the cloud's data folder, streamed by the API with Range; the relay sees every byte, so this class reports the wire cost.</summary>
public sealed class FolderStoreOtaRolloutTests(OtaFleetStack stack, ITestOutputHelper output) : OtaRolloutTests(stack, output), IClassFixture<OtaFleetStack>
{
    private readonly ITestOutputHelper _output = output;

    protected override void ReportWire(long imageBytes, int updates, (long ToServer, long ToClient) before)
    {
        long requests = Stack.Downloads.BytesToServer - before.ToServer;
        long responses = Stack.Downloads.BytesToClient - before.ToClient;
        long body = imageBytes * updates;

        // Every byte of every image crossed once, plus HTTP headers: far less than a second copy.
        Assert.InRange(responses, body, body * 13 / 10);
        _output.WriteLine($"per update: image {imageBytes:N0} B, on the wire {(requests + responses) / updates:N0} B ({100.0 * (requests + responses - body) / body:F1} % over the image: requests {requests / updates:N0} B, responses {responses / updates:N0} B)");
    }
}

/// <summary>Release files in an s3rver bucket: each range is redirected to a presigned URL, which the devices follow without their token.</summary>
public sealed class S3StoreOtaRolloutTests(S3OtaFleetStack stack, ITestOutputHelper output) : OtaRolloutTests(stack, output), IClassFixture<S3OtaFleetStack>
{
}
