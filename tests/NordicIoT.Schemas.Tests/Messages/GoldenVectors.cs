using System.Text.Json.Nodes;

namespace NordicIoT.Schemas.Tests.Messages;

/// <summary>Loads shared-schemas/vectors/golden.json, the vectors device and cloud tests both check.</summary>
public static class GoldenVectors
{
    private static readonly Lazy<JsonNode> Document = new(() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "shared-schemas", "vectors", "golden.json")))!);

    public static IEnumerable<JsonNode> Valid => Document.Value["vectors"]!.AsArray()!.Select(v => v!);

    public static IEnumerable<JsonNode> Invalid => Document.Value["invalid"]!.AsArray()!.Select(v => v!);

    public static JsonNode Get(string name) => Valid.Concat(Invalid).Single(v => (string)v["name"]! == name);

    public static TheoryData<string> ValidNames() => new(Valid.Select(v => (string)v["name"]!));

    public static TheoryData<string> InvalidNames() => new(Invalid.Select(v => (string)v["name"]!));

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NordicIoT.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("NordicIoT.sln not found above " + AppContext.BaseDirectory);
    }
}
