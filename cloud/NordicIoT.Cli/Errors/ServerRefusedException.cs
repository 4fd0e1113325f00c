namespace NordicIoT.Cli.Errors;

/// <summary>The cloud answered a request with an error (its problem details are in the message).</summary>
public sealed class ServerRefusedException(string message) : Exception(message);
