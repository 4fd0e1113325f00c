using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using NordicIoT.EndToEnd.Support;
using NordicIoT.Testing;

namespace NordicIoT.EndToEnd;

/// <summary>`nordiciot up` as a user runs it: a child process on free ports that provisions, serves, simulates, and stops everything on SIGINT with exit code 0.</summary>
public sealed class UpCommandTests : IDisposable
{
    private const int SigInt = 2;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly TempFolder _folder = new("e2e-up");
    private NordiciotProcess? _up;

    [Fact]
    public async Task Up_serves_simulated_readings_with_the_key_it_wrote_and_stops_everything_on_sigint()
    {
        int port = FreeTcpPort.Next();
        int brokerPort = FreeTcpPort.Next();
        var up = StartUp("--dir", _folder.Path, "--sim", "2", "--port", $"{port}", "--broker-port", $"{brokerPort}", "--sample-interval", "1", "--uplink-interval", "10");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };

        await Eventually.TrueAsync(async () => !up.HasExited && await AnswersAsync(http, "health/ready"), Patience, () => $"up healthy (exited: {up.HasExited})\n{Output()}");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(_folder.Path, "data", "admin-api-key")).Trim());
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        foreach (var device in new[] { "sim-1", "sim-2" })
        {
            await Eventually.TrueAsync(
                async () => CsvReading.Parse(await http.GetStringAsync($"api/devices/{device}/readings/temperature/export.csv?from={since}")).Count > 0,
                Patience, () => $"readings of {device} in the API\n{Output()}");
        }

        int broker = MosquittoOf(_folder.Path) ?? throw new InvalidOperationException($"no mosquitto runs with a config in {_folder.Path}\n{Output()}");
        Assert.Contains($"admin-key  {Path.Combine(_folder.Path, "data", "admin-api-key")}", Output());

        Assert.Equal(0, Kill(up.Id, SigInt));
        using (var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await up.WaitForExitAsync(exit.Token);
        }

        Assert.True(up.ExitCode == 0, $"exit code {up.ExitCode}\n{Output()}");
        Assert.False(Directory.Exists($"/proc/{broker}"), $"mosquitto (pid {broker}) still runs after up exited");
        Assert.Null(MosquittoOf(_folder.Path));
    }

    [Fact]
    public async Task Up_listens_on_the_address_it_is_given_and_the_broker_certificate_names_it_for_boards()
    {
        // 127.0.0.2 stands in for this machine's address on the boards' network: another address than the default.
        const string Address = "127.0.0.2";
        int port = FreeTcpPort.Next();
        int brokerPort = FreeTcpPort.Next();
        var up = StartUp("--dir", _folder.Path, "--listen", Address, "--sim", "1", "--port", $"{port}", "--broker-port", $"{brokerPort}", "--sample-interval", "1", "--uplink-interval", "10");
        using var http = new HttpClient { BaseAddress = new Uri($"http://{Address}:{port}/"), Timeout = TimeSpan.FromSeconds(10) };

        await Eventually.TrueAsync(async () => !up.HasExited && await AnswersAsync(http, "health/ready"), Patience, () => $"up healthy on {Address}\n{Output()}");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(Path.Combine(_folder.Path, "data", "admin-api-key")).Trim());
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        await Eventually.TrueAsync(
            async () => CsvReading.Parse(await http.GetStringAsync($"api/devices/sim-1/readings/temperature/export.csv?from={since}")).Count > 0,
            Patience, () => $"readings of sim-1, which connects to {Address} and checks the broker's certificate\n{Output()}");

        Assert.Contains($"broker     mqtts://{Address}:{brokerPort}", Output());
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_folder.Path, "pki", "server.crt")));
        Assert.True(certificate.MatchesHostname(Address), "the broker certificate does not name the listen address");
        using var settings = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder.Path, "devices", "sim-1", "device.json")));
        Assert.Equal(Address, settings.RootElement.GetProperty("brokerHost").GetString());
        using var loopback = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        Assert.False(await AnswersAsync(loopback, $"http://127.0.0.1:{port}/health/live"), "the app also answers on 127.0.0.1");
    }

    [Fact]
    public async Task Up_stops_the_app_and_fails_with_the_reason_when_the_broker_dies()
    {
        int port = FreeTcpPort.Next();
        var up = StartUp("--dir", _folder.Path, "--port", $"{port}", "--broker-port", $"{FreeTcpPort.Next()}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.TrueAsync(async () => !up.HasExited && await AnswersAsync(http, "health/ready"), Patience, () => $"up healthy\n{Output()}");

        Process.GetProcessById(MosquittoOf(_folder.Path)!.Value).Kill();
        using (var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await up.WaitForExitAsync(exit.Token);
        }

        Assert.True(up.ExitCode == 6, $"exit code {up.ExitCode} (expected 6, a component failed)\n{Output()}");
        Assert.Contains("Mosquitto", Output());
        Assert.False(await AnswersAsync(http, "health/live"), "the app still answers after up exited");
    }

    public void Dispose()
    {
        // A failed test must not leave its broker behind either.
        if (MosquittoOf(_folder.Path) is { } broker)
        {
            Process.GetProcessById(broker).Kill();
        }

        _up?.Dispose();
        _folder.Dispose();
    }

    private Process StartUp(params string[] arguments)
    {
        _up = NordiciotProcess.Start(["up", .. arguments]);
        return _up.Process;
    }

    private string Output() => _up?.Output() ?? "";

    private static async Task<bool> AnswersAsync(HttpClient http, string path)
    {
        try
        {
            return (await http.GetAsync(path)).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    // The mosquitto started with a generated config under this test's folder, found by its command line in /proc.
    private static int? MosquittoOf(string folder)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out int pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                var state = File.ReadAllText(Path.Combine(directory, "stat"));
                bool zombie = state[(state.LastIndexOf(')') + 2)..].StartsWith('Z');
                if (!zombie && commandLine.Contains("mosquitto", StringComparison.Ordinal) && commandLine.Contains(folder, StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return null;
    }

    // DllImport rather than LibraryImport: the generated stub needs AllowUnsafeBlocks for this one call.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
