namespace NordicIoT.Cli.Flashing;

/// <summary>One nanoff run: what it is for and its arguments.</summary>
public sealed record NanoffStep(string Purpose, IReadOnlyList<string> Arguments)
{
    /// <summary>The program name.</summary>
    public const string Program = "nanoff";

    /// <summary>The command as a user would type it in a POSIX shell (arguments with spaces or quotes are single-quoted).</summary>
    public string CommandLine => string.Join(' ', new[] { Program }.Concat(Arguments.Select(Quote)));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@%+,\\".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";
}
