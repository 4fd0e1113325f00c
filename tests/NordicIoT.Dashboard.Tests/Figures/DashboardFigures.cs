using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.Playwright;
using NordicIoT.Cloud.Access;
using NordicIoT.Dashboard.Tests.Support;
using NordicIoT.Schemas.Messages;
using NordicIoT.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace NordicIoT.Dashboard.Tests.Figures;

/// <summary>
/// The dashboard's figures, measured (not asserted): page load to the fleet table with 1,000 devices, MQTT publish to
/// the value shown on the open device page over 100 readings, and the bytes of the dashboard's assets. Printed to the
/// test output and written to artifacts/dashboard-figures.md. Run alone: dotnet test --filter Category=Figures.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Figures")]
public sealed class DashboardFigures(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private const int FleetSize = 1000;
    private const int FleetLoads = 5;
    private const int Readings = 100;
    private readonly TestBroker _broker = TestBroker.Start();
    private readonly StringBuilder _report = new();
    private CloudServer _server = null!;

    public async Task InitializeAsync() => _server = await CloudServer.StartAsync(_broker);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _broker.Dispose();
    }

    [Fact]
    public async Task Dashboard_figures()
    {
        _report.AppendLine(CultureInfo.InvariantCulture, $"# Dashboard figures ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, headless Debian chromium, cloud app on Kestrel + SQLite + Mosquitto on 127.0.0.1)");
        _report.AppendLine();
        _report.AppendLine("| figure | value |");
        _report.AppendLine("|---|---|");
        await MeasureFleetLoadAsync();
        await MeasurePublishToVisibleAsync();
        await MeasureAssetBytesAsync();

        var text = _report.ToString();
        output.WriteLine(text);
        var path = Path.Combine(Screenshots.RepositoryRoot(), "artifacts", "dashboard-figures.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text);
    }

    private async Task MeasureFleetLoadAsync()
    {
        var ids = Enumerable.Range(1, FleetSize).Select(n => $"fleet-{n:D4}").ToArray();
        await _server.RegisterAsync("load", ids);
        var now = DateTimeOffset.UtcNow;
        foreach (var id in ids)
        {
            await _server.AcceptAsync($"d/{id}/s", DeviceMessages.State(r => { r.FirmwareVersion = "1.4.2"; r.Board = "ESP32_S3"; r.BufferFill = 4; }));
            await _server.AcceptAsync($"d/{id}/b", DeviceMessages.Series(SensorKind.Battery, (now.AddMinutes(-1), 3700)));
        }

        var page = await browser.NewPageAsync();
        await DashboardSession.SignInAsync(page, _server, await _server.KeyAsync(ApiRole.Viewer));
        var times = new List<double>();
        for (var run = 0; run < FleetLoads; run++)
        {
            // A full page load each time (a new URL, not a hash change): HTML, modules, session, two pages of 500 devices, table.
            await page.GotoAsync($"{_server.Url}/?run={run}#/fleet");
            await Expect(page.Locator("#fleet-table[data-loaded='true']")).ToHaveAttributeAsync("data-rows", FleetSize.ToString(CultureInfo.InvariantCulture), new() { Timeout = 60_000 });
            times.Add(await page.EvaluateAsync<double>("performance.getEntriesByName('fleet-rendered')[0].startTime"));
        }

        times.Sort();
        Row($"page load to fleet table rendered, {FleetSize} devices (median of {FleetLoads} loads; min, max)", $"{times[FleetLoads / 2]:F0} ms ({times[0]:F0}, {times[^1]:F0})");
    }

    private async Task MeasurePublishToVisibleAsync()
    {
        await _server.RegisterAsync("live", "live-1");
        await using var device = await MqttDevice.ConnectAsync(_broker, "live-1");
        var start = DateTimeOffset.UtcNow.AddSeconds(-Readings - 10);
        await device.PublishAsync("b", DeviceMessages.Series(SensorKind.Temperature, (start, 1000)));

        var page = await browser.NewPageAsync();
        await DashboardSession.OpenAsync(page, _server, await _server.KeyAsync(ApiRole.Viewer), "#/devices/live-1");
        await Expect(page.Locator(".latest-card[data-sensor='temperature'] .reading")).ToHaveTextAsync("10.00 °C");
        await Expect(page.Locator("#live-state")).ToHaveTextAsync("Live");

        // The page notes (browser clock = this machine's clock) when each value first shows.
        await page.EvaluateAsync("""
            () => {
              window.__seen = {};
              const note = () => {
                const text = document.querySelector(".latest-card[data-sensor='temperature'] .reading")?.textContent;
                if (text && !(text in window.__seen)) window.__seen[text] = Date.now();
              };
              new MutationObserver(note).observe(document.getElementById('latest'), { childList: true, subtree: true, characterData: true });
            }
            """);
        var latencies = new List<double>();
        for (var i = 1; i <= Readings; i++)
        {
            var centi = 1000 + i;
            var text = $"{centi / 100}.{centi % 100:D2} °C";
            var sent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await device.PublishAsync("b", DeviceMessages.Series(SensorKind.Temperature, (start.AddSeconds(i), centi)));
            await page.WaitForFunctionAsync($"() => '{text}' in window.__seen", null, new() { Timeout = 30_000 });
            latencies.Add(await page.EvaluateAsync<double>($"window.__seen['{text}']") - sent);
        }

        latencies.Sort();
        Row($"MQTT publish → value visible on the open device page, {Readings} readings: p50", $"{Percentile(latencies, 50):F0} ms");
        Row($"MQTT publish → value visible on the open device page, {Readings} readings: p99 (max)", $"{Percentile(latencies, 99):F0} ms ({latencies[^1]:F0})");
    }

    private async Task MeasureAssetBytesAsync()
    {
        var root = Path.Combine(Screenshots.RepositoryRoot(), "cloud", "NordicIoT.Cloud", "wwwroot");
        using var http = _server.Http();
        long raw = 0, gzip = 0, files = 0;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var url = "/" + Path.GetRelativePath(root, file).Replace('\\', '/');
            var body = await http.GetByteArrayAsync(url);
            raw += body.Length;
            gzip += Gzipped(body);
            files++;
        }

        Row($"dashboard assets, all {files} files as served (HTML, CSS, JS modules, icon)", $"{raw:N0} bytes ({gzip:N0} gzip-compressed)");
    }

    private static long Gzipped(byte[] body)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zip.Write(body);
        }

        return buffer.Length;
    }

    private static double Percentile(List<double> sorted, int percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private void Row(string figure, string value) => _report.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {value} |");
}
