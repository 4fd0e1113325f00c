using System.Text.Json;

namespace NordicIoT.EndToEnd.Support;

/// <summary>The wire format's golden vectors (shared-schemas/vectors/golden.json), read from the repository.</summary>
public static class GoldenVectors
{
    /// <summary>The vector named <paramref name="name"/>: its exact bytes and its decoded form.</summary>
    public static (byte[] Bytes, JsonElement Decoded) Get(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "shared-schemas", "vectors", "golden.json")));
        foreach (var vector in document.RootElement.GetProperty("vectors").EnumerateArray())
        {
            if (vector.GetProperty("name").GetString() == name)
            {
                return (Convert.FromHexString(vector.GetProperty("hex").GetString()!), vector.GetProperty("decoded").Clone());
            }
        }

        throw new InvalidOperationException($"golden.json has no vector '{name}'");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "shared-schemas", "vectors", "golden.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no repository root (with shared-schemas/vectors/golden.json) above {AppContext.BaseDirectory}");
    }
}
