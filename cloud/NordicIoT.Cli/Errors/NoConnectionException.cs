namespace NordicIoT.Cli.Errors;

/// <summary>Nothing could reach the broker during the whole run (wrong host or port, or certificates it does not trust).</summary>
public sealed class NoConnectionException(string message) : Exception(message);
