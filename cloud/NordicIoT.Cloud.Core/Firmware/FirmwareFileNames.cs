namespace NordicIoT.Cloud.Firmware;

/// <summary>The names a release file and a store id may have: they become URL path segments, file names and S3 keys.</summary>
public static class FirmwareFileNames
{
    /// <summary>Longest file name (as in the manifest).</summary>
    public const int MaxLength = 64;

    /// <summary>True for 1..64 characters of A-Z, a-z, 0-9, '.', '_' or '-' that start with a letter or digit (so never "." or "..").</summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength }
        && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>True for a release or upload id: 32 lower-case hex digits.</summary>
    public static bool IsValidId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>A new id (time-ordered, so newer ids sort later).</summary>
    public static string NewId(DateTimeOffset now) => Guid.CreateVersion7(now).ToString("N");

    /// <summary>Throws unless <paramref name="id"/> is a store id.</summary>
    public static void CheckId(string id, string parameterName)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException($"'{id}' is not a firmware store id (32 lower-case hex digits)", parameterName);
        }
    }

    /// <summary>Throws unless <paramref name="name"/> is a valid file name.</summary>
    public static void CheckName(string name, string parameterName)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a firmware file name (1..{MaxLength} of A-Z, a-z, 0-9, '.', '_', '-', starting with a letter or digit)", parameterName);
        }
    }
}
