using System.Net;
using NordicIoT.Cloud.Firmware;
using NordicIoT.Cloud.Storage.Ota;
using NordicIoT.EndToEnd.Support;
using NordicIoT.LocalStack;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace NordicIoT.EndToEnd;

/// <summary>Firmware updates going wrong on real parts: a file damaged in storage, and downloads cut mid-response.</summary>
/// <remarks>The two tests share a fleet and pass in either order: each uses versions above anything the other installs.</remarks>
public sealed class OtaFaultTests(LiveOtaFleetStack stack, ITestOutputHelper output) : IClassFixture<LiveOtaFleetStack>
{
    [Fact]
    public async Task A_damaged_file_fails_the_first_stage_keeps_the_old_application_and_aborts_before_the_rest_is_offered()
    {
        var release = await stack.UploadAsync("2.0.0", ("NordicIoT.Device.App.pe", 40_000));
        var before = new Dictionary<string, string?>();
        foreach (var device in stack.DeviceIds())
        {
            before[device] = await stack.ReportedVersionAsync(device);
        }

        // Bit rot (or tampering) in the store after the upload verified the file: only the device's hash check can catch it.
        var store = (FolderFirmwareFileStore)stack.Stack.CloudServices.GetRequiredService<IFirmwareFileStore>();
        string file = Path.Combine(store.Root, "releases", release.Id, "NordicIoT.Device.App.pe");
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[12_345] ^= 0x40;
        await File.WriteAllBytesAsync(file, bytes);

        long rollout = await stack.StartRolloutAsync(new
        {
            releaseId = release.Id,
            target = new { group = LocalStackHost.SimulatedGroup },
            stages = new[] { 30, 100 },
            abort = new { maxFailures = 2 },
        });
        var firstStage = await stack.EndedExecutionsAsync(rollout, 2);

        var view = await stack.GetJsonAsync($"api/rollouts/{rollout}");
        Assert.Equal("ABORTED", view.GetProperty("status").GetString());
        Assert.Contains("failed", view.GetProperty("endReason").GetString());
        Assert.All(firstStage, e => Assert.True(e.Status is "FAILED" or "CANCELED", $"{e.DeviceId}: {e.Status} {e.Reason}"));
        Assert.Contains(firstStage, e => e.Status == "FAILED" && e.Reason!.Contains("SHA-256", StringComparison.OrdinalIgnoreCase));
        var advance = await stack.Admin.PostAsync($"api/rollouts/{rollout}/advance", null);
        Assert.Equal(HttpStatusCode.Conflict, advance.StatusCode);
        Assert.Equal(firstStage.Count, (await stack.ExecutionsAsync(rollout)).Count);

        // The failed devices run what they ran before and still send readings.
        var since = DateTimeOffset.UtcNow;
        foreach (var execution in firstStage)
        {
            Assert.Equal(before[execution.DeviceId], await stack.ReportedVersionAsync(execution.DeviceId));
            await Eventually.TrueAsync(
                async () => (await stack.ReadingsAsync(execution.DeviceId, "temperature", since, DateTimeOffset.UtcNow.AddMinutes(1))).Count > 0,
                OtaFleetStack.OtaPatience, () => $"{execution.DeviceId} sends readings after its failed update");
        }

        output.WriteLine($"stage 1 of 30 %: {firstStage.Count} executions, {firstStage.Count(e => e.Status == "FAILED")} failed; the other {OtaFleetStack.Devices - firstStage.Count} devices were never offered");
    }

    [Fact]
    public async Task A_download_cut_twice_resumes_where_it_stopped_and_costs_at_most_two_fragments_more()
    {
        const int Image = 120_000;
        var release = await stack.UploadAsync("3.0.0", ("NordicIoT.Device.App.pe", Image));
        var devices = stack.DeviceIds();

        long undisturbed = await UpdateAsync(release.Id, devices[^1]);
        stack.Downloads.CutResponses(afterBytesToClient: Image / 3, times: 2);
        long interrupted = await UpdateAsync(release.Id, devices[^2]);

        Assert.Equal(2, stack.Downloads.Cuts);
        long extra = interrupted - undisturbed;

        // Starting again from zero would cost at least two thirds of the image more; a resume costs the two cut ranges.
        Assert.InRange(extra, 0, 2 * (2048 + 1024));
        output.WriteLine($"image {Image:N0} B: {undisturbed:N0} B on the wire undisturbed, {interrupted:N0} B cut twice (+{extra:N0} B)");
    }

    // Rolls the release out to one device and returns the bytes its download took on the wire (both ways).
    private async Task<long> UpdateAsync(string releaseId, string deviceId)
    {
        long before = stack.Downloads.BytesToServer + stack.Downloads.BytesToClient;
        long rollout = await stack.StartRolloutAsync(new { releaseId, target = new { deviceIds = new[] { deviceId } } });
        var execution = Assert.Single(await stack.EndedExecutionsAsync(rollout));
        Assert.True(execution.Status == "SUCCEEDED", $"{deviceId}: {execution.Status} {execution.Reason}");
        return stack.Downloads.BytesToServer + stack.Downloads.BytesToClient - before;
    }
}
