namespace NordicIoT.Broker;

/// <summary>Finds the mosquitto executable.</summary>
public static class MosquittoBinary
{
    // Debian installs the broker in /usr/sbin, which is not on a normal user's PATH.
    private static readonly string[] FallbackDirectories = ["/usr/sbin", "/usr/local/sbin"];

    /// <summary>The full path of mosquitto from PATH or /usr/sbin; throws <see cref="BrokerStartException"/> saying how to install it.</summary>
    public static string Find() => Find(Environment.GetEnvironmentVariable("PATH"), FallbackDirectories);

    /// <summary>Looks in the directories of <paramref name="pathVariable"/>, then in <paramref name="fallbackDirectories"/>.</summary>
    public static string Find(string? pathVariable, IEnumerable<string> fallbackDirectories)
    {
        var directories = (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(fallbackDirectories);
        foreach (var directory in directories)
        {
            var candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? "mosquitto.exe" : "mosquitto");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new BrokerStartException(
            "mosquitto was not found on PATH or in /usr/sbin. Install it with `sudo apt-get install mosquitto` " +
            "(or run build/install-deps.sh).");
    }
}
