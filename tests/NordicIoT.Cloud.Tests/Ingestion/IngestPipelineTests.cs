using System.Text.Json.Nodes;
using NordicIoT.Cloud.Api.Devices;
using NordicIoT.Cloud.DeadLetters;
using NordicIoT.Cloud.Devices;
using NordicIoT.Cloud.Ingestion;
using NordicIoT.Cloud.Ingestion.Events;
using NordicIoT.Cloud.Tests.Support;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Tests.Ingestion;

/// <summary>The ingestion pipeline on a real SQLite database: what is stored, merged, refused and counted.</summary>
public sealed class IngestPipelineTests : IAsyncLifetime
{
    private const string Device = "dev-1";
    private static readonly DateTimeOffset Now = PipelineHarness.Now;
    private static readonly long T0 = Wire.Seconds(Now.AddHours(-1));
    private PipelineHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await PipelineHarness.StartAsync();
        await _harness.RegisterAsync(Device);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Batch_is_stored_counted_and_announced()
    {
        var outcome = await _harness.IngestAsync("d/dev-1/b", Wire.Series(SensorKind.Temperature, (T0, 2137), (T0 + 60, 2139), (T0 + 120, 2142)));

        Assert.Equal(IngestOutcome.BatchStored(Device, 3), outcome);
        Assert.Equal([2137, 2139, 2142], (await _harness.ReadingsAsync(Device, SensorKind.Temperature)).Select(r => r.Values[0]));
        var totals = _harness.Metrics.Snapshot();
        Assert.Equal((1, 3), (totals.Batches, totals.Readings));
        var stored = Assert.IsType<ReadingsStored>(_harness.Events.Published.First());
        Assert.Equal((3, DateTimeOffset.FromUnixTimeSeconds(T0), DateTimeOffset.FromUnixTimeSeconds(T0 + 120)), (stored.Count, stored.From, stored.To));
        var changed = Assert.IsType<TwinChanged>(_harness.Events.Published.Last());
        Assert.Equal((await _harness.TwinAsync(Device)).Version, changed.Version);
    }

    [Fact]
    public async Task Redelivered_batch_is_stored_once()
    {
        var payload = Wire.Series(SensorKind.Humidity, (T0, 4512), (T0 + 60, 4520));

        await _harness.IngestAsync("d/dev-1/b", payload);
        await _harness.IngestAsync("d/dev-1/b", payload, Now.AddSeconds(30));

        Assert.Equal(2, (await _harness.ReadingsAsync(Device, SensorKind.Humidity)).Count);
    }

    [Fact]
    public async Task Same_readings_cut_into_other_batches_are_stored_once()
    {
        await _harness.IngestAsync("d/dev-1/b", Wire.Series(SensorKind.Pressure, (T0, 101325), (T0 + 60, 101320)));
        await _harness.IngestAsync("d/dev-1/b", Wire.Series(SensorKind.Pressure, (T0 + 60, 101320), (T0 + 120, 101310)));

        Assert.Equal([101325, 101320, 101310], (await _harness.ReadingsAsync(Device, SensorKind.Pressure)).Select(r => r.Values[0]));
    }

    [Theory]
    [InlineData("x/dev-1/b", null)]
    [InlineData("d/dev-1/c", Device)]
    [InlineData("d/dev-1/b/extra", null)]
    [InlineData("d/dev 1/b", null)]
    public async Task Topic_that_is_not_a_device_uplink_is_a_dead_letter(string topic, string? deviceId)
    {
        var outcome = await _harness.IngestAsync(topic, Wire.Series(SensorKind.Temperature, (T0, 1)));

        await AssertDeadLetterAsync(outcome, DeadLetterReasons.UnknownTopic, deviceId, "not d/{id}/b");
    }

    [Fact]
    public async Task Oversize_payload_is_a_dead_letter_keeping_the_first_4096_bytes()
    {
        await using var harness = await PipelineHarness.StartAsync(new IngestOptions { MaxPayloadBytes = 4096 });
        await harness.RegisterAsync(Device);
        var payload = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();

        var outcome = await harness.IngestAsync("d/dev-1/b", payload);

        Assert.Equal(DeadLetterReasons.Oversize, outcome.DeadLetterReason);
        var deadLetter = Assert.Single(await harness.Storage.DeadLetters.ListAsync(Device, 10, CancellationToken.None));
        Assert.Equal((5000, DeadLetter.MaxStoredPayload), (deadLetter.PayloadLength, deadLetter.Payload.Length));
        Assert.Equal(payload[..DeadLetter.MaxStoredPayload], deadLetter.Payload);
        Assert.Contains("5000 bytes, more than the 4096", deadLetter.Detail);
    }

    [Fact]
    public async Task Message_from_an_unregistered_device_is_a_dead_letter()
    {
        var outcome = await _harness.IngestAsync("d/stranger/s", Wire.State(r => r.Uptime = 5));

        await AssertDeadLetterAsync(outcome, DeadLetterReasons.UnknownDevice, "stranger", "no device 'stranger'");
    }

    [Theory]
    [InlineData("b", "")]
    [InlineData("b", "ff")]
    [InlineData("b", "83020000")]
    [InlineData("s", "a10002")]
    [InlineData("s", "a2000105ff")]
    public async Task Undecodable_payload_is_a_malformed_dead_letter_with_reason_and_offset(string kind, string hex)
    {
        var outcome = await _harness.IngestAsync($"d/dev-1/{kind}", Convert.FromHexString(hex));

        await AssertDeadLetterAsync(outcome, DeadLetterReasons.Malformed, Device, "at byte");
    }

    [Fact]
    public async Task Reading_more_than_five_minutes_ahead_of_receipt_is_out_of_range()
    {
        var outcome = await _harness.IngestAsync("d/dev-1/b", Wire.Series(SensorKind.Temperature, (Wire.Seconds(Now.AddMinutes(5)) + 1, 2000)));

        await AssertDeadLetterAsync(outcome, DeadLetterReasons.TimestampOutOfRange, Device, "more than 5 min after it was received");
    }

    [Fact]
    public async Task Reading_up_to_five_minutes_ahead_is_accepted()
    {
        var outcome = await _harness.IngestAsync("d/dev-1/b", Wire.Series(SensorKind.Temperature, (Wire.Seconds(Now.AddMinutes(5)), 2000)));

        Assert.Equal(IngestResult.BatchStored, outcome.Result);
    }

    [Fact]
    public async Task Reading_before_2020_is_out_of_range()
    {
        var outcome = await _harness.IngestAsync("d/dev-1/b", Wire.Series(SensorKind.Temperature, (Wire.Seconds(new DateTimeOffset(2019, 12, 31, 23, 59, 59, TimeSpan.Zero)), 2000)));

        await AssertDeadLetterAsync(outcome, DeadLetterReasons.TimestampOutOfRange, Device, "before 2020-01-01");
    }

    [Fact]
    public async Task Batch_spanning_more_than_seven_days_is_out_of_range()
    {
        var latest = Wire.Seconds(Now.AddMinutes(-1));
        var outcome = await _harness.IngestAsync("d/dev-1/b", Wire.Series(SensorKind.Temperature, (latest - 7 * 86400 - 1, 1), (latest, 2)));

        await AssertDeadLetterAsync(outcome, DeadLetterReasons.TimestampOutOfRange, Device, "longer than the 7 days");
        Assert.Empty(await _harness.ReadingsAsync(Device, SensorKind.Temperature));
    }

    [Fact]
    public async Task State_report_from_the_future_is_out_of_range()
    {
        var outcome = await _harness.IngestAsync("d/dev-1/s", Wire.State(r => r.Time = Wire.Seconds(Now.AddHours(1))));

        await AssertDeadLetterAsync(outcome, DeadLetterReasons.TimestampOutOfRange, Device, "state report");
    }

    [Fact]
    public async Task Dead_letters_are_counted_by_reason()
    {
        await _harness.IngestAsync("d/dev-1/b", [0xff]);
        await _harness.IngestAsync("d/dev-1/b", [0xff]);
        await _harness.IngestAsync("d/nobody/b", [0xff]);

        var counts = _harness.Metrics.Snapshot().DeadLetters;
        Assert.Equal((2, 1, 0), (counts[DeadLetterReasons.Malformed], counts[DeadLetterReasons.UnknownDevice], counts[DeadLetterReasons.Oversize]));
    }

    [Fact]
    public async Task Random_bytes_never_throw()
    {
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var payload = new byte[random.Next(0, 64)];
            random.NextBytes(payload);
            var outcome = await _harness.IngestAsync(i % 2 == 0 ? "d/dev-1/b" : "d/dev-1/s", payload);
            Assert.NotNull(outcome);
        }
    }

    [Fact]
    public async Task State_fields_merge_by_device_time_so_a_late_report_does_not_override_newer_values()
    {
        var newer = Now.AddMinutes(-1);
        var older = Now.AddMinutes(-10);
        await _harness.IngestAsync("d/dev-1/s", Wire.State(r =>
        {
            r.Time = Wire.Seconds(newer);
            r.FirmwareVersion = "2.0.0";
        }));

        await _harness.IngestAsync("d/dev-1/s", Wire.State(r =>
        {
            r.Time = Wire.Seconds(older);
            r.FirmwareVersion = "1.0.0";
            r.Uptime = 42;
        }));

        var twin = await _harness.TwinAsync(Device);
        Assert.Equal(("2.0.0", newer), (twin.Reported[ReportedFieldNames.FirmwareVersion].Value!.GetValue<string>(), twin.Reported[ReportedFieldNames.FirmwareVersion].ReportedAt));
        Assert.Equal((42L, older), (twin.Reported[ReportedFieldNames.Uptime].Value!.GetValue<long>(), twin.Reported[ReportedFieldNames.Uptime].ReportedAt));
    }

    [Fact]
    public async Task State_report_without_a_time_counts_as_reported_when_received()
    {
        await _harness.IngestAsync("d/dev-1/s", Wire.State(r => r.Network = 2), Now.AddSeconds(-5));

        var field = (await _harness.TwinAsync(Device)).Reported[ReportedFieldNames.Network];
        Assert.Equal(("nb-iot", Now.AddSeconds(-5)), (field.Value!.GetValue<string>(), field.ReportedAt));
    }

    [Fact]
    public async Task State_fields_take_their_api_shapes()
    {
        await _harness.IngestAsync("d/dev-1/s", Wire.State(r =>
        {
            r.SetConfigRejection(4, "uplink interval too short");
            r.Ota = new OtaProgress { RolloutId = 9, Status = OtaStatus.Failed, Reason = "hash mismatch" };
            r.BufferFill = 37;
        }));

        var reported = (await _harness.TwinAsync(Device)).Reported;
        Assert.Equal("""{"version":4,"reason":"uplink interval too short"}""", reported[ReportedFieldNames.ConfigRejection].Value!.ToJsonString());
        Assert.Equal("""{"rolloutId":9,"status":"failed","reason":"hash mismatch"}""", reported[ReportedFieldNames.Ota].Value!.ToJsonString());
        Assert.Equal(37, reported[ReportedFieldNames.BufferFill].Value!.GetValue<int>());
    }

    [Fact]
    public async Task Latest_reading_only_moves_forward()
    {
        await _harness.IngestAsync("d/dev-1/b", Wire.Series(SensorKind.Temperature, (T0 + 600, 2200), (T0 + 540, 2150)));
        await _harness.IngestAsync("d/dev-1/b", Wire.Series(SensorKind.Temperature, (T0, 1900)));
        Assert.Equal((T0 + 600, 2200), Latest(await _harness.TwinAsync(Device), SensorKind.Temperature));

        await _harness.IngestAsync("d/dev-1/b", Wire.Series(SensorKind.Temperature, (T0 + 660, 2250)));
        Assert.Equal((T0 + 660, 2250), Latest(await _harness.TwinAsync(Device), SensorKind.Temperature));
    }

    [Fact]
    public async Task Latest_gps_reading_keeps_all_six_values()
    {
        int[] fix = [63430588, 10414394, 171, 2216, 32, 0];
        await _harness.IngestAsync("d/dev-1/b", Wire.Batch(new TestReading(SensorKind.Gps, T0, fix)));

        Assert.Equal(fix, (await _harness.TwinAsync(Device)).Latest[SensorKind.Gps].Values);
    }

    [Fact]
    public async Task Latest_values_in_a_state_report_count_at_the_report_time_unless_a_batch_was_newer()
    {
        await _harness.IngestAsync("d/dev-1/b", Wire.Series(SensorKind.Battery, (T0 + 100, 3700)));
        await _harness.IngestAsync("d/dev-1/s", Wire.State(r =>
        {
            r.Time = T0 + 50;
            r.SetLatest(SensorKind.Battery, 3800);
            r.SetLatest(SensorKind.Signal, -87);
        }));

        var twin = await _harness.TwinAsync(Device);
        Assert.Equal((T0 + 100, 3700), Latest(twin, SensorKind.Battery));
        Assert.Equal((T0 + 50, -87), Latest(twin, SensorKind.Signal));
    }

    [Fact]
    public async Task Last_seen_is_the_receive_time_and_never_moves_back()
    {
        await _harness.IngestAsync("d/dev-1/s", Wire.State(r => r.Uptime = 1), Now);
        Assert.Equal(Now, (await _harness.TwinAsync(Device)).LastSeen);

        await _harness.IngestAsync("d/dev-1/s", Wire.State(r => r.Uptime = 2), Now.AddMinutes(-3));
        Assert.Equal(Now, (await _harness.TwinAsync(Device)).LastSeen);
    }

    [Fact]
    public async Task Config_goes_from_pending_to_applied_when_the_device_reports_the_desired_version()
    {
        await SetDesiredVersionAsync(3);
        await _harness.IngestAsync("d/dev-1/s", Wire.State(r => r.ConfigVersion = 2));
        var twin = await _harness.TwinAsync(Device);
        Assert.Equal(ConfigSync.Pending, ConfigSync.StateOf(twin));
        Assert.Equal("""{"desired":3,"reported":2}""", System.Text.Json.JsonSerializer.Serialize(new JsonObject
        {
            ["desired"] = ConfigSync.PendingOf(twin)[ReportedFieldNames.ConfigVersion].Desired?.DeepClone(),
            ["reported"] = ConfigSync.PendingOf(twin)[ReportedFieldNames.ConfigVersion].Reported?.DeepClone(),
        }));

        await _harness.IngestAsync("d/dev-1/s", Wire.State(r => r.ConfigVersion = 3));
        twin = await _harness.TwinAsync(Device);
        Assert.Equal(ConfigSync.Applied, ConfigSync.StateOf(twin));
        Assert.Empty(ConfigSync.PendingOf(twin));
    }

    [Fact]
    public async Task Config_the_device_refused_shows_as_rejected_with_its_reason()
    {
        await SetDesiredVersionAsync(5);
        await _harness.IngestAsync("d/dev-1/s", Wire.State(r =>
        {
            r.ConfigVersion = 4;
            r.SetConfigRejection(5, "max batch bytes above the board's buffer");
        }));

        var twin = await _harness.TwinAsync(Device);
        Assert.Equal((ConfigSync.Rejected, "max batch bytes above the board's buffer"), (ConfigSync.StateOf(twin), ConfigSync.RejectionOf(twin)));
    }

    [Fact]
    public async Task Concurrent_messages_for_one_device_all_reach_the_twin()
    {
        int[] sensors = [SensorKind.Temperature, SensorKind.Humidity, SensorKind.Pressure, SensorKind.Battery, SensorKind.Signal, 40, 41, 42];

        await Task.WhenAll(sensors.Select(s => Task.Run(() => _harness.IngestAsync("d/dev-1/b", Wire.Series(s, (T0, s))))));

        var twin = await _harness.TwinAsync(Device);
        Assert.Equal(sensors.Order(), twin.Latest.Keys.Order());
        Assert.Equal(1 + sensors.Length, twin.Version);
    }

    [Fact]
    public async Task Storage_failure_propagates_so_the_caller_can_retry_and_nothing_is_dead_lettered()
    {
        FlakyStorage flaky = null!;
        await using var harness = await PipelineHarness.StartAsync(wrap: inner => flaky = new FlakyStorage(inner) { FailuresLeft = 1 });
        await harness.RegisterAsync(Device);
        var payload = Wire.Series(SensorKind.Temperature, (T0, 2000));

        await Assert.ThrowsAsync<IOException>(() => harness.IngestAsync("d/dev-1/b", payload));
        var retried = await harness.IngestAsync("d/dev-1/b", payload);

        Assert.Equal(IngestResult.BatchStored, retried.Result);
        Assert.Equal(0, await harness.Storage.DeadLetters.CountAsync(null, CancellationToken.None));
        Assert.Single(await harness.ReadingsAsync(Device, SensorKind.Temperature));
    }

    private async Task AssertDeadLetterAsync(IngestOutcome outcome, string reason, string? deviceId, string detailPart)
    {
        Assert.Equal((IngestResult.DeadLettered, reason, deviceId), (outcome.Result, outcome.DeadLetterReason, outcome.DeviceId));
        var deadLetter = Assert.Single(await _harness.Storage.DeadLetters.ListAsync(null, 10, CancellationToken.None));
        Assert.Equal((reason, deviceId, Now), (deadLetter.Reason, deadLetter.DeviceId, deadLetter.ReceivedAt));
        Assert.Contains(detailPart, deadLetter.Detail);
        Assert.Equal(1, _harness.Metrics.Snapshot().DeadLetters[reason]);
    }

    private async Task SetDesiredVersionAsync(long version)
    {
        var update = await TwinUpdater.UpdateAsync(_harness.Storage.Devices, Device, null, t =>
        {
            t.Desired = new DesiredConfig(version, new JsonObject(), Now);
            return true;
        }, 1, CancellationToken.None);
        Assert.Equal(TwinUpdateStatus.Updated, update.Status);
    }

    private static (long, int) Latest(DeviceTwin twin, int sensor) =>
        (twin.Latest[sensor].Time.ToUnixTimeSeconds(), twin.Latest[sensor].Values[0]);
}
