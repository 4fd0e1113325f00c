using NordicIoT.Cli.Errors;

namespace NordicIoT.Cli;

/// <summary>The tool's exit codes, stable for scripts: one number per kind of failure, mapped from exceptions here and nowhere else.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>A bug: an exception nobody expected (the message carries its stack trace).</summary>
    public const int Unexpected = 1;

    /// <summary>The command line could not be parsed (unknown option, missing value, wrong type).</summary>
    public const int Usage = 2;

    /// <summary>An option value or input file is wrong.</summary>
    public const int InvalidInput = 3;

    /// <summary>Refused: it would destroy something without an explicit option (e.g. --force-ca).</summary>
    public const int Refused = 4;

    /// <summary>An external program (nanoff) is not installed.</summary>
    public const int ToolMissing = 5;

    /// <summary>An external program (nanoff) failed.</summary>
    public const int ToolFailed = 6;

    /// <summary>No device could connect to the broker during the run.</summary>
    public const int NoConnection = 7;

    /// <summary>Reading or writing files failed (permissions, disk full).</summary>
    public const int FileSystem = 8;

    /// <summary>The cloud refused the request (its problem details are printed).</summary>
    public const int ServerRefused = 9;

    /// <summary>Stopped by Ctrl+C before the command was done (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>The exit code for a command that failed with <paramref name="exception"/>.</summary>
    public static int For(Exception exception) => exception switch
    {
        InvalidInputException or ArgumentException or FormatException or FileNotFoundException or DirectoryNotFoundException => InvalidInput,
        RefusedException => Refused,
        ToolNotFoundException => ToolMissing,
        ToolFailedException => ToolFailed,
        NoConnectionException => NoConnection,
        ServerRefusedException => ServerRefused,
        OperationCanceledException => Cancelled,
        IOException or UnauthorizedAccessException => FileSystem,
        _ => Unexpected,
    };

    /// <summary>What to tell the user: the message for expected failures, the whole exception for bugs.</summary>
    public static string Describe(Exception exception) =>
        For(exception) == Unexpected ? $"unexpected failure (a bug; please report it): {exception}" : exception.Message;
}
