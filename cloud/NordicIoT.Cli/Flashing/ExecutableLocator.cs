namespace NordicIoT.Cli.Flashing;

/// <summary>Finds a program the way a shell would: on PATH, and in ~/.dotnet/tools where `dotnet tool install -g` puts tools.</summary>
public static class ExecutableLocator
{
    /// <summary>The full path of <paramref name="name"/>, or null when it is not installed.</summary>
    public static string? Find(string name) => Find(
        name,
        Environment.GetEnvironmentVariable("PATH"),
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"));

    /// <summary>Looks in the directories of <paramref name="pathVariable"/>, then in <paramref name="toolsFolder"/>.</summary>
    public static string? Find(string name, string? pathVariable, string toolsFolder)
    {
        string file = OperatingSystem.IsWindows() ? name + ".exe" : name;
        var directories = (pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append(toolsFolder);
        return directories.Select(directory => Path.Combine(directory, file)).FirstOrDefault(File.Exists);
    }
}
