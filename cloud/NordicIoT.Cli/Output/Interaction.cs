namespace NordicIoT.Cli.Output;

/// <summary>All output of the tool: data for scripts on stdout, diagnostics and progress on stderr; colour and in-place progress only on an interactive terminal.</summary>
/// <remarks>
/// Interactive means stderr is a terminal, <c>CI</c> is not set and <c>NO_COLOR</c> is not set. Otherwise every
/// message is a plain line without escape sequences, so logs and pipes stay readable.
/// </remarks>
public sealed class Interaction
{
    private const string Reset = "\u001b[0m";
    private const string Red = "\u001b[31m";
    private const string Yellow = "\u001b[33m";
    private const string Green = "\u001b[32m";
    private const string Dim = "\u001b[2m";
    private const string ClearLine = "\r\u001b[2K";

    private readonly Lock _lock = new();
    private bool _progressShown;

    /// <summary>Writes data to <paramref name="output"/> and everything else to <paramref name="error"/>; <paramref name="interactive"/> allows colour and in-place progress.</summary>
    public Interaction(TextWriter output, TextWriter error, bool interactive)
    {
        Output = output;
        Error = error;
        IsInteractive = interactive;
    }

    /// <summary>Where data goes (stdout); System.CommandLine writes help here too.</summary>
    public TextWriter Output { get; }

    /// <summary>Where diagnostics go (stderr).</summary>
    public TextWriter Error { get; }

    /// <summary>True when colour and in-place progress are allowed.</summary>
    public bool IsInteractive { get; }

    /// <summary>The interaction for this process's console, interactive per <see cref="IsInteractiveTerminal"/>.</summary>
    public static Interaction ForConsole() => new(
        Console.Out,
        Console.Error,
        IsInteractiveTerminal(Console.IsErrorRedirected, Environment.GetEnvironmentVariable("CI"), Environment.GetEnvironmentVariable("NO_COLOR")));

    /// <summary>True when stderr is a terminal and neither CI nor NO_COLOR is set (an empty value counts as not set, as no-color.org says).</summary>
    public static bool IsInteractiveTerminal(bool errorRedirected, string? ci, string? noColor) =>
        !errorRedirected && string.IsNullOrEmpty(ci) && string.IsNullOrEmpty(noColor);

    /// <summary>One line of data on stdout.</summary>
    public void Data(string line)
    {
        lock (_lock)
        {
            EndProgressLocked();
            Output.WriteLine(line);
        }
    }

    /// <summary>A diagnostic line on stderr.</summary>
    public void Info(string message) => Diagnostic(message, null);

    /// <summary>A line on stderr that says something worked.</summary>
    public void Success(string message) => Diagnostic(message, Green);

    /// <summary>A warning on stderr.</summary>
    public void Warning(string message) => Diagnostic("warning: " + message, Yellow);

    /// <summary>An error on stderr.</summary>
    public void Failure(string message) => Diagnostic("error: " + message, Red);

    /// <summary>A hint on stderr (dimmed on a terminal).</summary>
    public void Hint(string message) => Diagnostic(message, Dim);

    /// <summary>Shows a status line: rewritten in place on a terminal, a new plain line otherwise (callers then report less often).</summary>
    public void Progress(string status)
    {
        lock (_lock)
        {
            if (IsInteractive)
            {
                Error.Write(ClearLine + status);
                _progressShown = true;
            }
            else
            {
                Error.WriteLine(status);
            }

            Error.Flush();
        }
    }

    /// <summary>Ends an in-place status line so later output starts on a new line.</summary>
    public void EndProgress()
    {
        lock (_lock)
        {
            EndProgressLocked();
        }
    }

    private void Diagnostic(string message, string? colour)
    {
        lock (_lock)
        {
            EndProgressLocked();
            Error.WriteLine(IsInteractive && colour is not null ? colour + message + Reset : message);
        }
    }

    private void EndProgressLocked()
    {
        if (_progressShown)
        {
            Error.WriteLine();
            _progressShown = false;
        }
    }
}
