using NordicIoT.Testing;

namespace NordicIoT.Broker.Tests;

/// <summary>One broker for a test class whose tests do not stop or freeze it (each test uses its own device ids).</summary>
public sealed class SharedBroker : IDisposable
{
    public TestBroker Broker { get; } = TestBroker.Start();

    public void Dispose() => Broker.Dispose();
}
