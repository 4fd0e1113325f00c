using System.Net;
using System.Text.Json;
using NordicIoT.Cloud.Access;
using NordicIoT.Cloud.Tests.Support;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Cloud.Tests.Api;

/// <summary>Downsampled readings and the CSV and SenML exports.</summary>
public sealed class ReadingsApiTests : ApiTest
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private HttpClient _viewer = null!;

    public override async Task InitializeAsync()
    {
        await App.RegisterAsync("dev-1");
        _viewer = await App.ClientAsync(ApiRole.Viewer);
    }

    public override async Task DisposeAsync()
    {
        _viewer.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Readings_fall_into_equal_buckets_with_min_avg_max_in_physical_units()
    {
        // One reading a minute for an hour: 2000, 2001, ... 2059 (20.00 .. 20.59 °C).
        await IngestTemperaturesAsync(Enumerable.Range(0, 60).Select(i => (i * 60, 2000 + i)));

        var series = await GetJsonAsync(_viewer, $"/api/devices/dev-1/readings/temperature?from={Iso(Start)}&to={Iso(Start.AddHours(1))}&points=4");

        Assert.Equal((60, 900.0, 4), (series.GetProperty("readings").GetInt32(), series.GetProperty("bucketSeconds").GetDouble(), series.GetProperty("points").GetInt32()));
        Assert.Equal("""[{"name":"temperature","unit":"Cel"}]""", series.GetProperty("dimensions").GetRawText());
        var buckets = series.GetProperty("buckets").EnumerateArray().ToArray();
        Assert.Equal(4, buckets.Length);
        for (var b = 0; b < 4; b++)
        {
            Assert.Equal(Start.AddMinutes(15 * b), buckets[b].GetProperty("start").GetDateTimeOffset());
            Assert.Equal(Start.AddMinutes(15 * (b + 1)), buckets[b].GetProperty("end").GetDateTimeOffset());
            Assert.Equal(15, buckets[b].GetProperty("count").GetInt32());
            var stats = buckets[b].GetProperty("values")[0];
            // Bucket b holds 2000+15b .. 2014+15b; the mean is 2007+15b.
            Assert.Equal((20.00m + 0.15m * b, 20.07m + 0.15m * b, 20.14m + 0.15m * b), (stats.GetProperty("min").GetDecimal(), stats.GetProperty("avg").GetDecimal(), stats.GetProperty("max").GetDecimal()));
        }
    }

    [Fact]
    public async Task Mean_keeps_two_more_decimals_than_the_wire_and_empty_buckets_are_left_out()
    {
        await IngestTemperaturesAsync([(0, 2000), (60, 2001), (120, 2001), (3000, -550)]);

        var series = await GetJsonAsync(_viewer, $"/api/devices/dev-1/readings/temperature?from={Iso(Start)}&to={Iso(Start.AddHours(1))}&points=6");

        var buckets = series.GetProperty("buckets").EnumerateArray().ToArray();
        Assert.Equal([0, 5], buckets.Select(b => (int)((b.GetProperty("start").GetDateTimeOffset() - Start).TotalMinutes / 10)));
        Assert.Equal(20.0067m, buckets[0].GetProperty("values")[0].GetProperty("avg").GetDecimal());
        Assert.Equal("""[{"min":-5.5,"avg":-5.5,"max":-5.5}]""", buckets[1].GetProperty("values").GetRawText());
    }

    [Fact]
    public async Task Window_is_half_open_and_a_reading_on_a_boundary_starts_the_next_bucket()
    {
        await IngestTemperaturesAsync([(0, 1000), (1800, 2000), (3600, 3000)]);

        var series = await GetJsonAsync(_viewer, $"/api/devices/dev-1/readings/1?from={Iso(Start)}&to={Iso(Start.AddHours(1))}&points=2");

        var buckets = series.GetProperty("buckets").EnumerateArray().ToArray();
        Assert.Equal([1000m, 2000m], buckets.Select(b => b.GetProperty("values")[0].GetProperty("max").GetDecimal() * 100));
        Assert.Equal(2, series.GetProperty("readings").GetInt32());
    }

    [Fact]
    public async Task Gps_buckets_have_statistics_for_each_of_the_six_values()
    {
        await App.IngestAsync("d/dev-1/b", Wire.Batch(
            new TestReading(SensorKind.Gps, Seconds(0), 63430000, 10410000, 100, 2000, 0, 0),
            new TestReading(SensorKind.Gps, Seconds(60), 63430100, 10410200, 50, 2010, 150, 3599)), Start.AddMinutes(5));

        var series = await GetJsonAsync(_viewer, $"/api/devices/dev-1/readings/gps?from={Iso(Start)}&to={Iso(Start.AddHours(1))}&points=1");

        Assert.Equal(["lat", "lon", "m", "m", "m/s", "deg"], series.GetProperty("dimensions").EnumerateArray().Select(d => d.GetProperty("unit").GetString()));
        var values = series.GetProperty("buckets")[0].GetProperty("values");
        Assert.Equal("""{"min":63.43,"avg":63.43005,"max":63.4301}""", values[0].GetRawText());
        Assert.Equal("""{"min":0,"avg":179.95,"max":359.9}""", values[5].GetRawText());
    }

    [Fact]
    public async Task Window_defaults_to_the_last_day()
    {
        await App.IngestAsync("d/dev-1/b", Wire.Series(SensorKind.Humidity, (Wire.Seconds(Now.AddDays(-1).AddSeconds(-1)), 1), (Wire.Seconds(Now.AddHours(-1)), 4512)));

        var series = await GetJsonAsync(_viewer, "/api/devices/dev-1/readings/humidity");

        Assert.Equal((Now.AddDays(-1), Now, 200), (series.GetProperty("from").GetDateTimeOffset(), series.GetProperty("to").GetDateTimeOffset(), series.GetProperty("points").GetInt32()));
        Assert.Equal(1, series.GetProperty("readings").GetInt32());
    }

    [Fact]
    public async Task Long_windows_are_read_page_by_page()
    {
        // More readings than one store page (5000), in week-long batches the ingestion limit allows.
        var first = Wire.Seconds(Now.AddDays(-10));
        for (var day = 0; day < 10; day += 5)
        {
            var times = Enumerable.Range(0, 5 * 720).Select(i => first + day * 86400L + i * 120L).ToArray();
            Assert.Equal(Cloud.Ingestion.IngestResult.BatchStored, (await App.IngestAsync("d/dev-1/b", Wire.Series(SensorKind.Pressure, [.. times.Select(t => (t, 100000))]))).Result);
        }

        var series = await GetJsonAsync(_viewer, $"/api/devices/dev-1/readings/pressure?from={Iso(Now.AddDays(-11))}&to={Iso(Now)}&points=1");

        Assert.Equal(7200, series.GetProperty("readings").GetInt32());
        Assert.Equal(7200, series.GetProperty("buckets")[0].GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("temperature?points=0", "points")]
    [InlineData("temperature?points=5001", "points")]
    [InlineData("wind", "sensor")]
    [InlineData("7", "sensor")]
    [InlineData("sensor-1", "sensor")]
    [InlineData("temperature?from=2026-03-01T10:00:00Z&to=2026-03-01T10:00:00Z", "from")]
    public async Task Bad_requests_are_validation_problems(string path, string field)
    {
        var problem = await ProblemAsync(await _viewer.GetAsync("/api/devices/dev-1/readings/" + path), HttpStatusCode.BadRequest);

        Assert.Equal([field], InvalidFields(problem));
    }

    [Fact]
    public async Task Readings_of_an_unknown_device_are_a_404()
    {
        await ProblemAsync(await _viewer.GetAsync("/api/devices/nobody/readings/temperature"), HttpStatusCode.NotFound);
        await ProblemAsync(await _viewer.GetAsync("/api/devices/nobody/readings/temperature/export.csv"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Csv_export_has_a_header_with_units_and_one_line_per_reading_in_physical_units()
    {
        await App.IngestAsync("d/dev-1/b", Wire.Series(SensorKind.Battery, (Seconds(0), 3712), (Seconds(60), 3700), (Seconds(120), 3699)), Start.AddMinutes(5));

        var response = await _viewer.GetAsync($"/api/devices/dev-1/readings/battery/export.csv?from={Iso(Start)}&to={Iso(Start.AddHours(1))}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("dev-1-battery.csv", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(
            "time,battery (V)\r\n2026-03-01T10:00:00Z,3.712\r\n2026-03-01T10:01:00Z,3.7\r\n2026-03-01T10:02:00Z,3.699\r\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Csv_export_of_gps_has_six_value_columns()
    {
        await App.IngestAsync("d/dev-1/b", Wire.Batch(new TestReading(SensorKind.Gps, Seconds(0), -33868820, 151209290, 55, -12, 1250, 905)), Start.AddMinutes(5));

        var csv = await _viewer.GetStringAsync($"/api/devices/dev-1/readings/gps/export.csv?from={Iso(Start)}&to={Iso(Start.AddHours(1))}");

        Assert.Equal(
            "time,latitude (lat),longitude (lon),accuracy (m),altitude (m),speed (m/s),heading (deg)\r\n2026-03-01T10:00:00Z,-33.86882,151.20929,5.5,-1.2,12.5,90.5\r\n",
            csv);
    }

    [Fact]
    public async Task Senml_export_follows_rfc_8428_with_base_name_base_time_and_registered_units()
    {
        await App.IngestAsync("d/dev-1/b", Wire.Series(SensorKind.Temperature, (Seconds(0), 2137), (Seconds(60), -105)), Start.AddMinutes(5));

        var response = await _viewer.GetAsync($"/api/devices/dev-1/readings/temperature/export.senml?from={Iso(Start)}&to={Iso(Start.AddHours(1))}");

        Assert.Equal("application/senml+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            $$"""[{"bn":"nordiciot:dev-1:","bt":{{Seconds(0)}},"n":"temperature","u":"Cel","v":21.37,"t":0},{"n":"temperature","u":"Cel","v":-1.05,"t":60}]""",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("humidity", SensorKind.Humidity, 4512, "%RH", "45.12")]
    [InlineData("pressure", SensorKind.Pressure, 101325, "Pa", "101325")]
    [InlineData("battery", SensorKind.Battery, 3712, "V", "3.712")]
    [InlineData("signal", SensorKind.Signal, -87, "dBm", "-87")]
    public async Task Senml_units_match_the_registry(string name, int sensor, int wire, string unit, string value)
    {
        await App.IngestAsync("d/dev-1/b", Wire.Series(sensor, (Seconds(0), wire)), Start.AddMinutes(5));

        var records = JsonDocument.Parse(await _viewer.GetStringAsync($"/api/devices/dev-1/readings/{name}/export.senml?from={Iso(Start)}&to={Iso(Start.AddHours(1))}")).RootElement;

        Assert.Equal((name, unit, value), (records[0].GetProperty("n").GetString(), records[0].GetProperty("u").GetString(), records[0].GetProperty("v").GetRawText()));
    }

    [Fact]
    public async Task Senml_export_of_gps_gives_one_record_per_value_with_lat_lon_units()
    {
        await App.IngestAsync("d/dev-1/b", Wire.Batch(new TestReading(SensorKind.Gps, Seconds(0), 63430588, 10414394, 171, 2216, 32, 0)), Start.AddMinutes(5));

        var records = JsonDocument.Parse(await _viewer.GetStringAsync($"/api/devices/dev-1/readings/gps/export.senml?from={Iso(Start)}&to={Iso(Start.AddHours(1))}")).RootElement;

        Assert.Equal(
            ["latitude lat 63.430588", "longitude lon 10.414394", "accuracy m 17.1", "altitude m 221.6", "speed m/s 0.32", "heading deg 0"],
            records.EnumerateArray().Select(r => $"{r.GetProperty("n").GetString()} {r.GetProperty("u").GetString()} {r.GetProperty("v").GetRawText()}"));
    }

    [Fact]
    public async Task Empty_export_is_an_empty_array()
    {
        Assert.Equal("[]", await _viewer.GetStringAsync("/api/devices/dev-1/readings/signal/export.senml"));
    }

    private async Task IngestTemperaturesAsync(IEnumerable<(int Offset, int Value)> readings)
    {
        var outcome = await App.IngestAsync("d/dev-1/b", Wire.Series(SensorKind.Temperature, [.. readings.Select(r => (Seconds(r.Offset), r.Value))]), Start.AddHours(1));
        Assert.Equal(Cloud.Ingestion.IngestResult.BatchStored, outcome.Result);
    }

    private static long Seconds(int offset) => Wire.Seconds(Start) + offset;

    private static string Iso(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O"));
}
