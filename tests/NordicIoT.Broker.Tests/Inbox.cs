using System.Threading.Channels;
using NordicIoT.Mqtt;

namespace NordicIoT.Broker.Tests;

/// <summary>Collects what a client's events report so a test can wait for the next one with a time limit.</summary>
internal sealed class Inbox<T>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly Channel<T> _items = Channel.CreateUnbounded<T>();
    private int _count;

    /// <summary>How many items arrived so far.</summary>
    public int Count => Volatile.Read(ref _count);

    public void Add(T item)
    {
        Interlocked.Increment(ref _count);
        _items.Writer.TryWrite(item);
    }

    /// <summary>The next item; fails the test if none arrives within 10 s.</summary>
    public async Task<T> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            return await _items.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Nothing arrived within {Patience.TotalSeconds} s.");
        }
    }

    /// <summary>True if an item is waiting right now.</summary>
    public bool TryTake(out T? item) => _items.Reader.TryRead(out item);
}

/// <summary>Wires a client's events into inboxes.</summary>
internal sealed class ClientEvents
{
    public ClientEvents(MqttClient client)
    {
        client.MessageReceived += (_, e) => Messages.Add(e.Message);
        client.PublishAcknowledged += (_, e) => Acknowledged.Add(e.PacketId);
        client.ConnectionLost += (_, e) => Lost.Add(e);
    }

    public Inbox<MqttMessage> Messages { get; } = new();

    public Inbox<ushort> Acknowledged { get; } = new();

    public Inbox<MqttConnectionLostEventArgs> Lost { get; } = new();
}
