namespace NordicIoT.LocalStack;

/// <summary>A part of the local stack could not start; the message says which, why, and what to do.</summary>
public class LocalStackException : Exception
{
    /// <summary>Creates the exception with a message that says what failed.</summary>
    public LocalStackException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the failure that caused it.</summary>
    public LocalStackException(string message, Exception inner) : base(message, inner)
    {
    }
}

/// <summary>A port the stack needs is taken by another program (often an earlier `nordiciot up`).</summary>
public sealed class PortInUseException(string message) : LocalStackException(message);

/// <summary>A certificate or key the stack needs is missing from the certificate folder.</summary>
public sealed class MissingCertificateException(string message) : LocalStackException(message);
