using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NordicIoT.Schemas.Tests.Messages;

/// <summary>Every golden vector must read the same in a CBOR implementation that shares no code with ours (npm `cbor`).</summary>
public class IndependentDecoderTests
{
    [Fact]
    public void Npm_cbor_decodes_every_golden_vector_to_its_diagnostic()
    {
        var vectors = GoldenVectors.Valid.ToList();
        var hexes = new JsonArray(vectors.Select(v => (JsonNode)(string)v["hex"]!).ToArray());

        var results = RunNode("cbor-diagnose.js", hexes.ToJsonString()).AsArray();

        Assert.Equal(vectors.Count, results.Count);
        for (int i = 0; i < vectors.Count; i++)
        {
            Assert.True(results[i]!["error"] is null, $"{vectors[i]["name"]}: npm cbor failed: {results[i]!["error"]}");
            Assert.Equal((string)vectors[i]["diagnostic"]!, (string)results[i]!["diagnostic"]!);
        }
    }

    private static JsonNode RunNode(string script, string input)
    {
        var dir = Path.Combine(GoldenVectors.RepoRoot(), "tests", "node");
        Assert.True(Directory.Exists(Path.Combine(dir, "node_modules", "cbor")), "npm packages missing: run build/install-deps.sh");
        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "node did not finish within 60 s");
        Assert.True(process.ExitCode == 0, $"node exited {process.ExitCode}: {errors.Result}");
        return JsonNode.Parse(output.Result, documentOptions: new JsonDocumentOptions())!;
    }
}
