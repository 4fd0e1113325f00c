namespace NordicIoT.Cloud.Storage;

/// <summary>The folder local data lives in (Storage:DataDirectory resolved against the content root), and paths inside it.</summary>
public sealed class DataFolder(string path)
{
    /// <summary>The folder's full path.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Resolves a setting that names a file: relative paths count from the content root, null means <paramref name="defaultName"/> in this folder.</summary>
    public string Resolve(string? configured, string contentRoot, string defaultName) =>
        configured is null ? System.IO.Path.Combine(Path, defaultName) : System.IO.Path.GetFullPath(configured, contentRoot);

    /// <summary>Creates the folder if missing, readable by its owner only.</summary>
    public void Create()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
        }
        else
        {
            Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
