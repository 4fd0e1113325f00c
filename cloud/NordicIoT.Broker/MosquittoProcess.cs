using System.Diagnostics;
using System.Net.Sockets;

namespace NordicIoT.Broker;

/// <summary>One Mosquitto instance run as a child process with a generated config; stopped by PID on Dispose.</summary>
public sealed partial class MosquittoProcess : IDisposable
{
    /// <summary>How long <see cref="Start"/> waits for the TLS port when not told otherwise (Mosquitto needs ~20 ms).</summary>
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private const int TailLines = 20;

    // Brokers not yet disposed; stopped when this process exits so a forgotten Dispose cannot leave mosquitto running.
    private static readonly HashSet<MosquittoProcess> Running = [];

    private readonly Process _process;
    private readonly ProcessOutput _output;

    static MosquittoProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            MosquittoProcess[] left;
            lock (Running)
            {
                left = [.. Running];
            }

            foreach (var broker in left)
            {
                broker.Dispose();
            }
        };
    }

    private MosquittoProcess(Process process, ProcessOutput output, BrokerSettings settings, BrokerFiles files)
    {
        _process = process;
        _output = output;
        Settings = settings;
        Files = files;
        ProcessId = process.Id;
    }

    /// <summary>The settings this instance was started with.</summary>
    public BrokerSettings Settings { get; }

    /// <summary>The generated config, ACL, log and persistence paths.</summary>
    public BrokerFiles Files { get; }

    /// <summary>The PID of the mosquitto process.</summary>
    public int ProcessId { get; }

    /// <summary>True until the process exits.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Writes the config, starts mosquitto and returns once its TLS port accepts connections.</summary>
    /// <exception cref="BrokerStartException">mosquitto is not installed, exits, or does not listen within the time limit.</exception>
    public static MosquittoProcess Start(BrokerSettings settings, TimeSpan? startTimeout = null)
    {
        var binary = MosquittoBinary.Find();
        var files = MosquittoConfig.Write(settings);

        // Mosquitto appends to its log: only lines after this offset are this start's.
        long logStart = File.Exists(files.LogPath) ? new FileInfo(files.LogPath).Length : 0;
        var startInfo = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(files.ConfigPath);

        var process = new Process { StartInfo = startInfo };
        var output = new ProcessOutput(TailLines);
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new BrokerStartException($"Could not run {binary}: {e.Message}", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var broker = new MosquittoProcess(process, output, settings, files);
        lock (Running)
        {
            Running.Add(broker);
        }

        try
        {
            broker.WaitUntilRunning(startTimeout ?? DefaultStartTimeout, logStart);
            return broker;
        }
        catch
        {
            broker.Dispose();
            throw;
        }
    }

    /// <summary>The last lines of the broker's log file and console output, for error messages.</summary>
    public string LogTail()
    {
        var log = File.Exists(Files.LogPath) ? ReadLastLines(Files.LogPath, TailLines) : "(no log file yet)";
        var console = _output.Text();
        return console.Length == 0 ? log : $"{log}\n--- console ---\n{console}";
    }

    /// <summary>Stops the broker (SIGTERM, then SIGKILL after a grace period) so it saves retained messages.</summary>
    public void Dispose()
    {
        lock (Running)
        {
            Running.Remove(this);
        }

        try
        {
            ProcessSignals.Stop(_process, StopGrace);
        }
        catch (InvalidOperationException)
        {
            // The process object was never started or is already released: nothing left to stop.
        }

        _process.Dispose();
    }

    // Mosquitto listens before it installs its SIGTERM handler and logs "running" after it: a broker stopped in between
    // would die without saving, so this waits for the log line as well as the port.
    private void WaitUntilRunning(TimeSpan timeout, long logStart)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new BrokerStartException(
                    $"mosquitto exited with code {_process.ExitCode} before listening on port {Settings.Port} " +
                    $"(config {Files.ConfigPath}).\n{LogTail()}");
            }

            // A plain TCP connect is enough: Mosquitto accepts only once the TLS context has loaded.
            if (LoggedRunning(logStart) && PortAccepts() && !_process.HasExited)
            {
                return;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new BrokerStartException(
                    $"mosquitto (pid {ProcessId}) did not log \"running\" and accept connections on {Settings.BindAddress}:{Settings.Port} " +
                    $"within {timeout.TotalSeconds:0.#} s.\n{LogTail()}");
            }

            Thread.Sleep(20);
        }
    }

    private bool PortAccepts()
    {
        using var client = new TcpClient();
        try
        {
            return client.ConnectAsync(Settings.BindAddress, Settings.Port).Wait(TimeSpan.FromMilliseconds(500));
        }
        catch (AggregateException e) when (e.InnerException is SocketException)
        {
            return false;
        }
    }

    private bool LoggedRunning(long logStart)
    {
        if (!File.Exists(Files.LogPath))
        {
            return false;
        }

        using var stream = new FileStream(Files.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(Math.Min(logStart, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return RunningLine().IsMatch(reader.ReadToEnd());
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"mosquitto version \S+ running")]
    private static partial System.Text.RegularExpressions.Regex RunningLine();

    private static string ReadLastLines(string path, int count)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', lines.TakeLast(count));
    }
}
