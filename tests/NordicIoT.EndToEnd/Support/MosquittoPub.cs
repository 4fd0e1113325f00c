using System.Diagnostics;
using NordicIoT.Provisioning;

namespace NordicIoT.EndToEnd.Support;

/// <summary>Runs mosquitto_pub (the Mosquitto project's own client, independent of ours) against the stack's broker with mutual TLS.</summary>
public static class MosquittoPub
{
    /// <summary>What mosquitto_pub did: its exit code and everything it printed.</summary>
    public sealed record Result(int ExitCode, string Output);

    /// <summary>Publishes the file <paramref name="payloadFile"/> to <paramref name="topic"/> at QoS 1, trusting <paramref name="caFile"/> and presenting <paramref name="client"/> (null: no certificate).</summary>
    public static async Task<Result> PublishFileAsync(int port, string caFile, CertificateFiles? client, string clientId, string topic, string payloadFile)
    {
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--cafile", caFile, "-i", clientId, "-q", "1", "-t", topic, "-f", payloadFile,
        ];
        foreach (var argument in arguments.Concat(client is null ? [] : ["--cert", client.CertificatePath, "--key", client.KeyPath]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, (await output) + (await error));
    }

    private static string Executable()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin"))
        {
            var candidate = Path.Combine(directory, "mosquitto_pub");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("mosquitto_pub is not installed: run build/install-deps.sh (apt-get install mosquitto-clients).");
    }
}
