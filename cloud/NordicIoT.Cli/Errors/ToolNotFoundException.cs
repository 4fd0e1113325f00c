namespace NordicIoT.Cli.Errors;

/// <summary>An external program the command runs (nanoff) is not installed; the message says how to install it.</summary>
public sealed class ToolNotFoundException(string message) : Exception(message);
