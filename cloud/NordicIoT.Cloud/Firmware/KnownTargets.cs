using System.Reflection;
using System.Text.Json;

namespace NordicIoT.Cloud.Firmware;

/// <summary>The board targets a release may name: the nanoff target of every board profile in hardware/ (built into the app) plus Firmware:Targets.</summary>
public static class KnownTargets
{
    private const string ProfilePrefix = "NordicIoT.Cloud.Hardware.";

    /// <summary>The nanoff targets of the built-in board profiles.</summary>
    public static IReadOnlyList<string> FromBoardProfiles()
    {
        var assembly = typeof(KnownTargets).Assembly;
        var targets = new List<string>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ProfilePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var profile = JsonDocument.Parse(stream);
            if (profile.RootElement.TryGetProperty("nanoffTarget", out var target) && target.GetString() is { Length: > 0 } text)
            {
                targets.Add(text);
            }
        }

        return targets;
    }

    /// <summary>Board profile targets and the configured ones.</summary>
    public static IReadOnlySet<string> Of(FirmwareOptions options) =>
        new HashSet<string>(FromBoardProfiles().Concat(options.Targets), StringComparer.Ordinal);
}
