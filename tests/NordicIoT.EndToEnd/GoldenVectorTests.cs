using NordicIoT.EndToEnd.Support;
using NordicIoT.LocalStack;

namespace NordicIoT.EndToEnd;

/// <summary>A stack whose ingestion accepts device times from 2019, when the golden vectors were stamped.</summary>
public sealed class GoldenVectorStack : StackFixture
{
    protected override Task<LocalStackOptions> ConfigureAsync(LocalStackOptions options) => Task.FromResult(options with
    {
        CloudSettings = new Dictionary<string, string> { ["Ingestion:EarliestTime"] = "2019-01-01T00:00:00Z" },
    });
}

/// <summary>An independent client, mosquitto_pub with a device's certificate, publishes a golden-vector batch: the API returns the vector's readings.</summary>
public sealed class GoldenVectorTests(GoldenVectorStack fixture) : IClassFixture<GoldenVectorStack>
{
    [Fact]
    public async Task A_golden_batch_sent_by_mosquitto_pub_shows_up_in_the_api_with_the_vectors_values_and_times()
    {
        var device = await fixture.AddDeviceAsync("golden-1");
        var (bytes, decoded) = GoldenVectors.Get("batch-temperature-10");
        var payload = Path.Combine(fixture.ScratchFolder, "batch-temperature-10.cbor");
        await File.WriteAllBytesAsync(payload, bytes);

        var published = await MosquittoPub.PublishFileAsync(fixture.Stack.Options.BrokerPort, fixture.Pki.CaCertificatePath, device, "golden-1", "d/golden-1/b", payload);
        Assert.True(published.ExitCode == 0, $"mosquitto_pub: exit {published.ExitCode}: {published.Output}");

        var expected = decoded.GetProperty("readings").EnumerateArray()
            .Select(r => (Time: DateTimeOffset.FromUnixTimeSeconds(r.GetProperty("time").GetInt64()), Value: r.GetProperty("values")[0].GetInt32()))
            .ToList();
        var from = expected[0].Time;
        var to = expected[^1].Time.AddSeconds(1);
        IReadOnlyList<CsvReading> readings = [];
        await Eventually.TrueAsync(
            async () => (readings = await fixture.ReadingsAsync("golden-1", "temperature", from, to)).Count >= expected.Count,
            TimeSpan.FromSeconds(30), () => $"the vector's {expected.Count} readings in the API (have {readings.Count})");

        Assert.Equal(expected, readings.Select(r => (r.Time, r.Wire(0, 2))));
    }
}
