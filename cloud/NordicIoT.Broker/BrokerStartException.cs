namespace NordicIoT.Broker;

/// <summary>Mosquitto is missing, exited, or did not open its port in time; the message says which and carries its log tail.</summary>
public sealed class BrokerStartException : Exception
{
    /// <summary>Creates the exception with a message that says what failed.</summary>
    public BrokerStartException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the failure that caused it.</summary>
    public BrokerStartException(string message, Exception inner) : base(message, inner)
    {
    }
}
