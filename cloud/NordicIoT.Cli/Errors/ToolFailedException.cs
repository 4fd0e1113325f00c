namespace NordicIoT.Cli.Errors;

/// <summary>An external program the command ran exited with an error; the message names the step and its exit code.</summary>
public sealed class ToolFailedException(string message) : Exception(message);
