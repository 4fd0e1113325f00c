using NordicIoT.Device.Tests.Fakes;
using NordicIoT.Device.Uplink;

namespace NordicIoT.Device.Tests.Runtime;

public sealed class TransportEventsTests
{
    private readonly FakeBroker _broker = new();
    private readonly FakeTransport _transport;
    private readonly TransportEvents _events;

    public TransportEventsTests()
    {
        _transport = _broker.CreateTransport();
        _events = new TransportEvents(_transport);
    }

    [Fact]
    public void Events_come_out_in_the_order_they_happened_and_wake_the_loop()
    {
        int wakes = 0;
        _events.WorkQueued += () => wakes++;
        _events.BeginConnection();
        _transport.Connect("dev", true, 60);
        _transport.Subscribe("d/dev/c", 1);
        _broker.PublishRetained("d/dev/c", [1, 2]);
        _transport.Publish("d/dev/b", [9], 1, 1, false);
        _broker.DropConnection();

        Assert.Equal(3, wakes);
        Assert.Equal(TransportEventKind.Message, _events.Next(out _, out string topic, out byte[] payload));
        Assert.Equal("d/dev/c", topic);
        Assert.Equal([1, 2], payload);
        Assert.Equal(TransportEventKind.Acknowledged, _events.Next(out int packetId, out _, out _));
        Assert.Equal(1, packetId);
        Assert.Equal(TransportEventKind.ConnectionLost, _events.Next(out _, out _, out _));
        Assert.Equal(TransportEventKind.None, _events.Next(out _, out _, out _));
        Assert.False(_events.HasPending);
    }

    [Fact]
    public void Events_still_queued_from_an_abandoned_connection_are_skipped()
    {
        _events.BeginConnection();
        _transport.Connect("dev", true, 60);
        _transport.Publish("d/dev/b", [9], 1, 1, false);
        _broker.DropConnection();

        _events.BeginConnection();
        _transport.Connect("dev", true, 60);
        _transport.Publish("d/dev/b", [9], 1, 1, false);

        Assert.Equal(TransportEventKind.Acknowledged, _events.Next(out int packetId, out _, out _));
        Assert.Equal(1, packetId);
        Assert.Equal(TransportEventKind.None, _events.Next(out _, out _, out _));
    }

    [Fact]
    public void A_flood_of_messages_is_capped_and_leaves_room_for_acknowledgements()
    {
        _events.BeginConnection();
        _transport.Connect("dev", true, 60);
        _transport.Subscribe("d/dev/c", 1);
        for (int i = 0; i < 100; i++)
        {
            _broker.PublishRetained("d/dev/c", [(byte)i]);
        }

        _transport.Publish("d/dev/b", [9], 1, 1, false);

        Assert.Equal(100 - TransportEvents.MaxQueuedMessages, _events.Dropped);
        for (int i = 0; i < TransportEvents.MaxQueuedMessages; i++)
        {
            Assert.Equal(TransportEventKind.Message, _events.Next(out _, out _, out _));
        }

        Assert.Equal(TransportEventKind.Acknowledged, _events.Next(out _, out _, out _));
    }
}
