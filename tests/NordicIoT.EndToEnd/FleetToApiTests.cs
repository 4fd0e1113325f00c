using NordicIoT.Device.Host.Sensors;
using NordicIoT.EndToEnd.Support;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.EndToEnd;

/// <summary>Simulated devices (the real device library) → Mosquitto with mutual TLS → the cloud bridge → storage → the API returns exactly what the devices sampled, stamped when they sampled it.</summary>
/// <remarks>
/// The simulated sensors are seeded random walks, so a fresh sensor with the device's seed yields the same sequence of
/// values: the API's readings must be that sequence from its start, with no gap, no duplicate and no change.
/// </remarks>
public abstract class FleetToApiTests<TStack>(TStack fixture) : IClassFixture<TStack>
    where TStack : SqliteFleetStack
{
    private const int MinReadings = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_api_returns_every_acknowledged_reading_with_the_sampled_values_and_times()
    {
        var fleet = fixture.Stack.Fleet!;
        var deviceIds = fixture.Stack.Options.SimulatedDeviceIds();
        var window = (From: fixture.StartedAt.AddMinutes(-1), To: fixture.StartedAt.AddHours(1));
        await Eventually.TrueAsync(
            async () => (await Task.WhenAll(deviceIds.Select(id => fixture.ReadingsAsync(id, "temperature", window.From, window.To)))).All(r => r.Count >= MinReadings),
            Patience, () => $"every device has {MinReadings} temperature readings in the API; fleet: {fleet.Snapshot()}");

        var totals = fleet.Stop(TimeSpan.FromSeconds(10));
        var stoppedAt = DateTimeOffset.UtcNow;
        Assert.Equal(0, totals.Failures);
        Assert.Equal(0, totals.Dropped);

        // Every publish the broker acknowledged reaches the bridge; wait until ingestion has taken them all.
        await Eventually.TrueAsync(
            async () =>
            {
                var metrics = await fixture.GetJsonAsync("health/metrics");
                return metrics.GetProperty("batches").GetInt64() + metrics.GetProperty("states").GetInt64() >= totals.Acknowledged;
            },
            Patience, () => $"ingestion caught up with {totals.Acknowledged} acknowledged publishes");

        for (int number = 1; number <= deviceIds.Count; number++)
        {
            int seed = fleet.Options.Seed + (number * 10);
            await CheckSeriesAsync(deviceIds[number - 1], "temperature", 2, SimulatedSensors.Temperature(seed), window, stoppedAt);
            await CheckSeriesAsync(deviceIds[number - 1], "humidity", 2, SimulatedSensors.Humidity(seed + 1), window, stoppedAt);
            await CheckSeriesAsync(deviceIds[number - 1], "pressure", 0, SimulatedSensors.Pressure(seed + 2), window, stoppedAt);
        }

        Assert.Empty((await fixture.GetJsonAsync("api/dead-letters")).GetProperty("deadLetters").EnumerateArray());
    }

    private async Task CheckSeriesAsync(
        string deviceId, string sensor, int decimals, RandomWalkSensor replay, (DateTimeOffset From, DateTimeOffset To) window, DateTimeOffset stoppedAt)
    {
        var readings = await fixture.ReadingsAsync(deviceId, sensor, window.From, window.To);
        Assert.True(readings.Count >= MinReadings, $"{deviceId} {sensor}: {readings.Count} readings");
        var sampled = new int[readings.Count];
        var value = new int[1];
        for (int i = 0; i < sampled.Length; i++)
        {
            Assert.True(replay.TryRead(value, 0));
            sampled[i] = value[0];
        }

        Assert.True(
            sampled.SequenceEqual(readings.Select(r => r.Wire(0, decimals))),
            $"{deviceId} {sensor}: sampled {string.Join(' ', sampled)}, the API has {string.Join(' ', readings.Select(r => $"{r.Time:HH:mm:ss}={r.Wire(0, decimals)}"))}");

        // Device times are whole seconds at sampling: within the run, and about a sample interval apart (the interval
        // runs on uptime, each reading takes the wall clock's second, and a busy machine delays a sample now and then).
        Assert.InRange(readings[0].Time, fixture.StartedAt.AddSeconds(-1), stoppedAt);
        Assert.InRange(readings[^1].Time, readings[0].Time, stoppedAt);
        for (int i = 1; i < readings.Count; i++)
        {
            var step = (readings[i].Time - readings[i - 1].Time).TotalSeconds;
            Assert.True(step is >= 1 and <= 2 * SqliteFleetStack.SampleInterval, $"{deviceId} {sensor}: {step} s between readings {i - 1} and {i}");
        }

        // The twin's latest value is the last reading the API returns.
        var twin = await fixture.GetJsonAsync($"api/devices/{deviceId}");
        var latest = twin.GetProperty("latest").GetProperty(sensor);
        Assert.Equal(readings[^1].Time, latest.GetProperty("time").GetDateTimeOffset());
        Assert.Equal(readings[^1].Values[0], latest.GetProperty("values")[0].GetProperty("value").GetDecimal());
    }
}

/// <summary>The fleet path on SQLite, the embedded default.</summary>
public sealed class SqliteFleetToApiTests(SqliteFleetStack fixture) : FleetToApiTests<SqliteFleetStack>(fixture);

/// <summary>The fleet path on DynamoDB (dynalite).</summary>
public sealed class DynamoDbFleetToApiTests(DynamoDbFleetStack fixture) : FleetToApiTests<DynamoDbFleetStack>(fixture);
