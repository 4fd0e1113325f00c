using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Rollouts;
using NordicIoT.Cloud.Tests.Support;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Tests.Rollouts;

/// <summary>Rollouts on the real app and storage: stages, soak time, abort threshold, cancel, executions moved by the devices' OTA reports.</summary>
public sealed class RolloutRunnerTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly OtaApp _app = new();
    private HttpClient _operator = null!;
    private string _releaseId = "";

    public async Task InitializeAsync()
    {
        _operator = await _app.ClientAsync(ApiRole.Operator);
        _releaseId = await _app.UploadAsync("1.5.0");
    }

    public async Task DisposeAsync()
    {
        _operator.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Stages_offer_a_growing_stable_share_of_the_group()
    {
        var fleet = Enumerable.Range(1, 40).Select(i => $"dev-{i:D2}").ToArray();
        await _app.RegisterAsync("field", fleet);
        await _app.RegisterAsync("lab", "lab-1");

        var rollout = await StartAsync(new { releaseId = _releaseId, target = new { group = "field" }, stages = new[] { 10, 50, 100 } });
        var first = _app.Publisher.DevicesWithOffers();
        await AdvanceAsync(rollout);
        var second = _app.Publisher.DevicesWithOffers();
        await AdvanceAsync(rollout);
        var all = _app.Publisher.DevicesWithOffers();

        Assert.Equal(fleet.Where(id => RolloutSampling.Includes(_releaseId, id, 10)), first);
        Assert.Superset(first.ToHashSet(), second.ToHashSet());
        Assert.Equal(fleet.Where(id => RolloutSampling.Includes(_releaseId, id, 50)), second);
        Assert.Equal(fleet, all);
        Assert.DoesNotContain("lab-1", all);

        // Each device was offered once, however many passes ran.
        await _app.Runner.DriveAllAsync(None);
        Assert.Equal(fleet.Length, _app.Publisher.OfferLog.Count);
        var executions = await _app.Runner.AllExecutionsAsync(rollout, None);
        Assert.Equal(fleet, executions.Select(e => e.DeviceId));
        Assert.All(executions, e => Assert.Equal(ExecutionStatus.Queued, e.Status));
        Assert.Equal(2, executions.Single(e => e.DeviceId == all.Except(second).First()).Stage);
    }

    [Fact]
    public async Task A_stage_advances_by_itself_after_the_soak_time()
    {
        await _app.RegisterAsync("field", [.. Enumerable.Range(1, 20).Select(i => $"dev-{i:D2}")]);
        var rollout = await StartAsync(new { releaseId = _releaseId, target = new { group = "field" }, stages = new[] { 5, 100 }, soakMinutes = 60 });

        _app.Clock.Now += TimeSpan.FromMinutes(59);
        await _app.Runner.DriveAllAsync(None);
        Assert.Equal(0, (await RolloutAsync(rollout)).GetProperty("stage").GetInt32());

        _app.Clock.Now += TimeSpan.FromMinutes(2);
        await _app.Runner.DriveAllAsync(None);

        var view = await RolloutAsync(rollout);
        Assert.Equal(1, view.GetProperty("stage").GetInt32());
        Assert.Equal(20, view.GetProperty("executions").GetProperty("queued").GetInt32());
    }

    [Fact]
    public async Task Executions_follow_the_devices_reports_and_count_every_update()
    {
        await _app.RegisterAsync(null, "dev-1");
        var rollout = await StartAsync(new { releaseId = _releaseId, target = new { deviceIds = new[] { "dev-1" } } });
        var versions = new List<long> { (await ExecutionAsync(rollout, "dev-1")).VersionNumber };

        foreach (var (status, percent) in new[] { (OtaStatus.Downloading, 10), (OtaStatus.Downloading, 60), (OtaStatus.Downloading, 60), (OtaStatus.Verified, -1), (OtaStatus.Rebooting, -1) })
        {
            _app.Clock.Now += TimeSpan.FromSeconds(30);
            await _app.ReportAsync("dev-1", rollout, status, percent);
            versions.Add((await ExecutionAsync(rollout, "dev-1")).VersionNumber);
        }

        var running = await ExecutionAsync(rollout, "dev-1");
        Assert.Equal((ExecutionStatus.InProgress, ExecutionStep.Rebooting), (running.Status, running.Step));

        // A late report (older device time) changes nothing.
        await _app.ReportAsync("dev-1", rollout, OtaStatus.Downloading, 20, at: _app.Clock.Now.AddMinutes(-5));
        Assert.Equal(running.VersionNumber, (await ExecutionAsync(rollout, "dev-1")).VersionNumber);

        _app.Clock.Now += TimeSpan.FromSeconds(30);
        await _app.ReportAsync("dev-1", rollout, OtaStatus.Succeeded, version: "1.5.0");
        var done = await ExecutionAsync(rollout, "dev-1");

        // Queued (1) and the offer's expiry (2), four changed reports (the repeated 60% is no update), then success and the offer withdrawn.
        Assert.Equal([2, 3, 4, 4, 5, 6], versions);
        Assert.Equal(ExecutionStatus.Succeeded, done.Status);
        Assert.Equal(8, done.VersionNumber);
        Assert.NotNull(done.StartedAt);
        Assert.Equal(_app.Clock.Now, done.EndedAt);
        Assert.Empty(_app.Publisher.RetainedOffer("dev-1")!);

        await _app.Runner.DriveAllAsync(None);
        Assert.Equal("COMPLETED", (await RolloutAsync(rollout)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Failures_at_the_threshold_abort_and_the_rest_are_never_offered()
    {
        // 40 devices: the 50% stage samples by hash, and with 10 it drew only 2 in about one run of several.
        var fleet = Enumerable.Range(1, 40).Select(i => $"dev-{i:D2}").ToArray();
        await _app.RegisterAsync("field", fleet);
        var rollout = await StartAsync(new { releaseId = _releaseId, target = new { group = "field" }, stages = new[] { 50, 100 }, abort = new { maxFailures = 2 } });
        var offered = _app.Publisher.DevicesWithOffers();
        Assert.True(offered.Count >= 3, $"the 50% stage took {offered.Count} of 40 devices");

        await _app.ReportAsync(offered[0], rollout, OtaStatus.Downloading, 40);
        await _app.ReportAsync(offered[1], rollout, OtaStatus.Failed, reason: "sha256 mismatch on App.pe");
        Assert.Equal("IN_PROGRESS", (await RolloutAsync(rollout)).GetProperty("status").GetString());
        await _app.ReportAsync(offered[2], rollout, OtaStatus.Rejected, reason: "bad signature");

        var view = await RolloutAsync(rollout);
        Assert.Equal("ABORTED", view.GetProperty("status").GetString());
        Assert.Contains("2 executions failed", view.GetProperty("endReason").GetString());
        Assert.Equal(offered.Count - 3, view.GetProperty("executions").GetProperty("canceled").GetInt32());

        // The device already downloading keeps its offer; queued ones lost theirs; the other half is never offered.
        Assert.Equal([offered[0]], _app.Publisher.DevicesWithOffers());
        Assert.Equal(HttpStatusCode.Conflict, (await _operator.PostAsync($"/api/rollouts/{rollout}/advance", null)).StatusCode);
        await _app.Runner.DriveAllAsync(None);
        Assert.Equal(offered.Count, (await _app.Runner.AllExecutionsAsync(rollout, None)).Count);
    }

    [Fact]
    public async Task Cancelling_withdraws_every_offer_that_is_out()
    {
        await _app.RegisterAsync(null, "dev-1", "dev-2", "dev-3");
        var rollout = await StartAsync(new { releaseId = _releaseId, target = new { deviceIds = new[] { "dev-1", "dev-2", "dev-3" } } });
        await _app.ReportAsync("dev-2", rollout, OtaStatus.Downloading, 30);
        await _app.ReportAsync("dev-3", rollout, OtaStatus.Succeeded);

        var response = await _operator.PostAsync($"/api/rollouts/{rollout}/cancel", null);

        var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("CANCELED", view.GetProperty("status").GetString());
        Assert.Equal(2, view.GetProperty("executions").GetProperty("canceled").GetInt32());
        Assert.Equal(1, view.GetProperty("executions").GetProperty("succeeded").GetInt32());
        Assert.Empty(_app.Publisher.DevicesWithOffers());
        Assert.All(new[] { "dev-1", "dev-2", "dev-3" }, id => Assert.Empty(_app.Publisher.RetainedOffer(id)!));
        Assert.Equal(HttpStatusCode.Conflict, (await _operator.PostAsync($"/api/rollouts/{rollout}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task No_device_is_downgraded_or_offered_what_it_runs_unless_the_release_allows_it()
    {
        await _app.RegisterAsync(null, "older", "same", "newer", "other-board", "unknown");
        await ReportStateAsync("older", "1.4.9", SignedRelease.Target);
        await ReportStateAsync("same", "1.5.0", SignedRelease.Target);
        await ReportStateAsync("newer", "2.0.0", SignedRelease.Target);
        await ReportStateAsync("other-board", "1.0.0", "ESP32_S3_QUAD");
        var ids = new[] { "older", "same", "newer", "other-board", "unknown" };

        await StartAsync(new { releaseId = _releaseId, target = new { deviceIds = ids } });
        Assert.Equal(["older", "unknown"], _app.Publisher.DevicesWithOffers());

        var downgrade = await _app.UploadAsync("1.0.0", allowDowngrade: true);
        await _app.RegisterAsync(null, "newer-2");
        await ReportStateAsync("newer-2", "2.0.0", SignedRelease.Target);
        await StartAsync(new { releaseId = downgrade, target = new { deviceIds = new[] { "newer-2" } } });
        Assert.Contains("newer-2", _app.Publisher.DevicesWithOffers());
    }

    [Fact]
    public async Task A_device_holds_one_offer_at_a_time()
    {
        await _app.RegisterAsync(null, "dev-1");
        var first = await StartAsync(new { releaseId = _releaseId, target = new { deviceIds = new[] { "dev-1" } } });
        var newer = await _app.UploadAsync("1.6.0");
        var second = await StartAsync(new { releaseId = newer, target = new { deviceIds = new[] { "dev-1" } } });

        Assert.Equal(first, _app.Offer("dev-1")!.RolloutId);
        Assert.Empty(await _app.Runner.AllExecutionsAsync(second, None));

        await _app.ReportAsync("dev-1", first, OtaStatus.Succeeded);
        await _app.Runner.DriveAllAsync(None);

        Assert.Equal(second, _app.Offer("dev-1")!.RolloutId);
    }

    [Fact]
    public async Task Offers_are_renewed_before_their_token_expires_and_silent_executions_time_out()
    {
        await _app.RegisterAsync(null, "dev-1", "dev-2");
        var rollout = await StartAsync(new { releaseId = _releaseId, target = new { deviceIds = new[] { "dev-1", "dev-2" } } });
        var token = _app.Offer("dev-1")!.Token;
        await _app.ReportAsync("dev-2", rollout, OtaStatus.Downloading, 5);

        _app.Clock.Now += TimeSpan.FromHours(19);
        await _app.Runner.DriveAllAsync(None);
        Assert.NotEqual(token, _app.Offer("dev-1")!.Token);
        Assert.Equal(rollout, _app.Offer("dev-1")!.RolloutId);

        _app.Clock.Now += TimeSpan.FromHours(6);
        await _app.Runner.DriveAllAsync(None);
        var timedOut = await ExecutionAsync(rollout, "dev-2");
        Assert.Equal(ExecutionStatus.TimedOut, timedOut.Status);
        Assert.Empty(_app.Publisher.RetainedOffer("dev-2")!);
        Assert.Equal(ExecutionStatus.Queued, (await ExecutionAsync(rollout, "dev-1")).Status);
    }

    [Fact]
    public async Task Offers_that_could_not_be_published_are_published_on_a_later_pass()
    {
        await _app.RegisterAsync(null, "dev-1");
        _app.Publisher.Down = true;
        var rollout = await StartAsync(new { releaseId = _releaseId, target = new { deviceIds = new[] { "dev-1" } } });
        Assert.Null((await ExecutionAsync(rollout, "dev-1")).OfferExpiresAt);

        _app.Publisher.Down = false;
        var report = await _app.Runner.DriveAllAsync(None);

        Assert.Equal(1, report.Offered);
        Assert.Equal(rollout, _app.Offer("dev-1")!.RolloutId);
        Assert.NotNull((await ExecutionAsync(rollout, "dev-1")).OfferExpiresAt);
    }

    [Fact]
    public async Task Bad_rollout_requests_name_their_fields()
    {
        var response = await _operator.PostAsJsonAsync("/api/rollouts", new { releaseId = "nope", target = new { group = "g", all = true }, stages = new[] { 50, 10 }, soakMinutes = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["releaseId", "soakMinutes", "stages", "target"], errors.EnumerateObject().Select(e => e.Name).Order());
        using var viewer = await _app.ClientAsync(ApiRole.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/rollouts", new { releaseId = _releaseId, target = new { all = true } })).StatusCode);
    }

    private async Task<long> StartAsync(object body)
    {
        var response = await _operator.PostAsJsonAsync("/api/rollouts", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    private async Task AdvanceAsync(long rollout) => (await _operator.PostAsync($"/api/rollouts/{rollout}/advance", null)).EnsureSuccessStatusCode();

    private async Task<JsonElement> RolloutAsync(long rollout) => JsonDocument.Parse(await _operator.GetStringAsync($"/api/rollouts/{rollout}")).RootElement;

    private async Task<Execution> ExecutionAsync(long rollout, string deviceId) =>
        await _app.Storage.Rollouts.GetExecutionAsync(rollout, deviceId, None) ?? throw new InvalidOperationException($"no execution of {deviceId}");

    private Task ReportStateAsync(string deviceId, string version, string board) =>
        _app.Factory.Services.GetRequiredService<NordicIoT.Cloud.Ingestion.IngestPipeline>().IngestAsync($"d/{deviceId}/s", Wire.State(r =>
        {
            r.Time = Wire.Seconds(_app.Clock.Now);
            r.FirmwareVersion = version;
            r.Board = board;
        }), _app.Clock.Now, None);
}
