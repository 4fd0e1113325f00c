namespace NordicIoT.Testing;

/// <summary>A new, empty folder under the system temp folder, deleted with its contents on Dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder; <paramref name="purpose"/> goes into its name to make leftovers recognisable.</summary>
    public TempFolder(string purpose)
    {
        Path = Directory.CreateTempSubdirectory($"nordiciot-{purpose}-").FullName;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Deletes the folder and everything in it.</summary>
    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
