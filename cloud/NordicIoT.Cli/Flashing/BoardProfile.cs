using System.Text.Json;
using NordicIoT.Cli.Errors;

namespace NordicIoT.Cli.Flashing;

/// <summary>The part of a board profile (hardware/ID.json) that flashing needs: its id, the nanoff firmware target, and the size of I:\ and of the reading buffer on it (null when the profile does not say).</summary>
public sealed record BoardProfile(string Id, string NanoffTarget, long? StorageBytes = null, long? ReadingBufferBytes = null)
{
    /// <summary>The folder with the profiles, relative to the repository root.</summary>
    public const string FolderName = "hardware";

    /// <summary>Reads hardware/<paramref name="boardId"/>.json from <paramref name="folder"/>; throws <see cref="InvalidInputException"/> naming the known boards when it is missing or lacks a target.</summary>
    public static BoardProfile Load(string folder, string boardId)
    {
        if (boardId.Length == 0 || !boardId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new InvalidInputException($"--board '{boardId}' is not a board profile id (the name of a file in {FolderName}/ without .json).");
        }

        string path = Path.Combine(folder, boardId + ".json");
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"There is no board profile {path}. Known boards: {Known(folder)}.");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"The board profile {path} is not valid JSON: {e.Message}", e);
        }

        string? id = Text(root, "id");
        if (id is not null && id != boardId)
        {
            throw new InvalidInputException($"The board profile {path} says its id is '{id}', not '{boardId}'; the file name and the id must agree.");
        }

        string target = Text(root, "nanoffTarget")
            ?? throw new InvalidInputException($"The board profile {path} has no \"nanoffTarget\" (the nanoff --target for this board, e.g. ESP32_PSRAM_REV0).");
        return new BoardProfile(boardId, target, Number(root, "storageBytes", path), Number(root, "readingBufferBytes", path));
    }

    /// <summary>The hardware/ folder of the repository <paramref name="start"/> is in (searching upwards), or hardware/ under <paramref name="start"/> when there is none.</summary>
    public static string FindFolder(string start)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, FolderName);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine(Path.GetFullPath(start), FolderName);
    }

    private static string? Text(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) &&
                property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }

    private static long? Number(JsonElement root, string name, string path)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) && number >= 0
            ? number
            : throw new InvalidInputException($"The board profile {path} has \"{name}\": {value.GetRawText()}, not a whole number of bytes.");
    }

    private static string Known(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return $"none ({folder} does not exist; pass --hardware DIR)";
        }

        var ids = Directory.EnumerateFiles(folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        return ids.Count == 0 ? $"none in {folder}" : string.Join(", ", ids);
    }
}
