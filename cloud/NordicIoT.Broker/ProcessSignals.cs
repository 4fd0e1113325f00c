using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NordicIoT.Broker;

/// <summary>Stops a child process by PID: SIGTERM first so it can save state, SIGKILL when it does not exit in time.</summary>
internal static class ProcessSignals
{
    private const int SigTerm = 15;

    /// <summary>Asks the process to exit, waits up to <paramref name="grace"/>, then kills it; returns when it is gone.</summary>
    public static void Stop(Process process, TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        // .NET can only send SIGKILL (Process.Kill); Mosquitto writes its persistence database only on a graceful exit.
        if (!OperatingSystem.IsWindows() && Kill(process.Id, SigTerm) == 0 && process.WaitForExit(grace))
        {
            return;
        }

        process.Kill();
        process.WaitForExit();
    }

    // DllImport rather than LibraryImport: the generated LibraryImport stub needs AllowUnsafeBlocks for this one call.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
