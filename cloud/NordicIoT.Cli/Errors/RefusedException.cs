namespace NordicIoT.Cli.Errors;

/// <summary>The tool will not do this without being told explicitly, because it would destroy something (e.g. replace the CA).</summary>
public sealed class RefusedException(string message) : Exception(message);
