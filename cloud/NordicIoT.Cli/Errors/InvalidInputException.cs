namespace NordicIoT.Cli.Errors;

/// <summary>An option value or input file is wrong; the message says which and what is expected.</summary>
public sealed class InvalidInputException(string message, Exception? inner = null) : Exception(message, inner);
