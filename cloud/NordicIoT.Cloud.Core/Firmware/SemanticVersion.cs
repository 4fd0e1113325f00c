using System.Globalization;

namespace NordicIoT.Cloud.Firmware;

/// <summary>A semantic version (semver.org 2.0.0): MAJOR.MINOR.PATCH, an optional pre-release and optional build metadata, ordered by the spec's precedence.</summary>
public sealed class SemanticVersion : IComparable<SemanticVersion>
{
    private readonly string[] _preRelease;

    private SemanticVersion(string text, ulong major, ulong minor, ulong patch, string[] preRelease, string? build)
    {
        Text = text;
        Major = major;
        Minor = minor;
        Patch = patch;
        _preRelease = preRelease;
        Build = build;
    }

    /// <summary>The version as written.</summary>
    public string Text { get; }

    public ulong Major { get; }

    public ulong Minor { get; }

    public ulong Patch { get; }

    /// <summary>Build metadata after '+', or null; it plays no part in precedence.</summary>
    public string? Build { get; }

    /// <summary>The version without build metadata: two versions with the same key have the same precedence, so a store holds one release per key.</summary>
    public string PrecedenceKey => Build is null ? Text : Text[..Text.IndexOf('+', StringComparison.Ordinal)];

    /// <summary>Parses <paramref name="text"/>; false with the reason when it is not a semantic version.</summary>
    public static bool TryParse(string? text, out SemanticVersion version, out string problem)
    {
        version = null!;
        if (string.IsNullOrEmpty(text))
        {
            problem = "is empty";
            return false;
        }

        string rest = text;
        string? build = null;
        int plus = rest.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            build = rest[(plus + 1)..];
            rest = rest[..plus];
            if (!Identifiers(build, numericRule: false, out problem))
            {
                problem = "build metadata " + problem;
                return false;
            }
        }

        string[] preRelease = [];
        int dash = rest.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            string pre = rest[(dash + 1)..];
            rest = rest[..dash];
            if (!Identifiers(pre, numericRule: true, out problem))
            {
                problem = "pre-release " + problem;
                return false;
            }

            preRelease = pre.Split('.');
        }

        string[] core = rest.Split('.');
        if (core.Length != 3)
        {
            problem = "needs MAJOR.MINOR.PATCH";
            return false;
        }

        var numbers = new ulong[3];
        for (int i = 0; i < 3; i++)
        {
            if (!IsNumber(core[i]) || !ulong.TryParse(core[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                problem = $"'{core[i]}' is not a number without leading zeros";
                return false;
            }
        }

        version = new SemanticVersion(text, numbers[0], numbers[1], numbers[2], preRelease, build);
        problem = "";
        return true;
    }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">Not a semantic version.</exception>
    public static SemanticVersion Parse(string text) =>
        TryParse(text, out var version, out var problem) ? version : throw new FormatException($"'{text}' is not a semantic version: {problem}");

    /// <summary>Precedence order: negative when this version is older than <paramref name="other"/>.</summary>
    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        int core = Major != other.Major ? Major.CompareTo(other.Major)
            : Minor != other.Minor ? Minor.CompareTo(other.Minor)
            : Patch.CompareTo(other.Patch);
        if (core != 0)
        {
            return core;
        }

        // A version without pre-release ranks above any pre-release of it.
        if (_preRelease.Length == 0 || other._preRelease.Length == 0)
        {
            return other._preRelease.Length.CompareTo(_preRelease.Length);
        }

        for (int i = 0; i < Math.Min(_preRelease.Length, other._preRelease.Length); i++)
        {
            int order = CompareIdentifier(_preRelease[i], other._preRelease[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return _preRelease.Length.CompareTo(other._preRelease.Length);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static int CompareIdentifier(string a, string b)
    {
        bool aNumeric = a.All(char.IsAsciiDigit);
        bool bNumeric = b.All(char.IsAsciiDigit);
        if (aNumeric && bNumeric)
        {
            // No leading zeros, so the longer number is the larger.
            return a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
        }

        return aNumeric ? -1 : bNumeric ? 1 : string.CompareOrdinal(a, b);
    }

    private static bool Identifiers(string text, bool numericRule, out string problem)
    {
        foreach (string identifier in text.Split('.'))
        {
            if (identifier.Length == 0 || !identifier.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                problem = $"identifier '{identifier}' must be 1 or more of A-Z, a-z, 0-9, '-'";
                return false;
            }

            if (numericRule && identifier.All(char.IsAsciiDigit) && !IsNumber(identifier))
            {
                problem = $"identifier '{identifier}' is a number with a leading zero";
                return false;
            }
        }

        problem = "";
        return true;
    }

    private static bool IsNumber(string text) =>
        text.Length > 0 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0');
}
