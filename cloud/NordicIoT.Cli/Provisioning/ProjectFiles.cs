using System.Text.Encodings.Web;
using System.Text.Json;

namespace NordicIoT.Cli.Provisioning;

/// <summary>Writes the project's JSON files whole or not at all, with the file mode set at creation (0600 for anything holding a secret).</summary>
internal static class ProjectFiles
{
    /// <summary>Only the owner may read or write.</summary>
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Everyone may read, the owner may write.</summary>
    public const UnixFileMode Readable = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,

        // Paths and SSIDs stay readable (no \u002B for '+'); the files are not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serialises <paramref name="value"/> to <paramref name="path"/> with <paramref name="mode"/>, replacing any older file.</summary>
    public static void WriteJson<T>(string path, T value, UnixFileMode mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, value, Json);
                stream.WriteByte((byte)'\n');
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Reads a JSON file written by <see cref="WriteJson{T}"/>; throws <see cref="JsonException"/> when it is not that shape.</summary>
    public static T ReadJson<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) ?? throw new JsonException($"{path} holds JSON null");
}
