using NordicIoT.Device.Transport;

namespace NordicIoT.Device.Uplink
{
    /// <summary>Transport callbacks turned into a bounded queue that the runtime drains, so no device logic runs on the transport's thread.</summary>
    /// <remarks>
    /// Handlers only copy references under a lock (no allocation). Events still queued when the runtime opens its next
    /// connection are skipped: a loss notice or PUBACK of a connection the runtime already gave up must not tear down
    /// the new one or acknowledge a publish of it (packet ids restart per connection). Messages are capped at
    /// <see cref="MaxQueuedMessages"/> (a flood from the broker cannot crowd out acknowledgements); the config and
    /// offer topics are retained, so a dropped message comes again with the next connect.
    /// </remarks>
    public sealed class TransportEvents
    {
        /// <summary>Events held at most.</summary>
        public const int Capacity = 32;

        /// <summary>Received messages held at most; the rest of the queue stays free for acknowledgements and losses.</summary>
        public const int MaxQueuedMessages = 8;

        private readonly object _lock = new object();
        private readonly TransportEventKind[] _kinds = new TransportEventKind[Capacity];
        private readonly int[] _packetIds = new int[Capacity];
        private readonly string[] _topics = new string[Capacity];
        private readonly byte[][] _payloads = new byte[Capacity][];
        private readonly int[] _connections = new int[Capacity];
        private int _first;
        private int _count;
        private int _messages;
        private int _connection;
        private long _dropped;

        /// <summary>Listens to <paramref name="transport"/>'s events.</summary>
        public TransportEvents(IMqttTransport transport)
        {
            transport.PublishAcknowledged += OnAcknowledged;
            transport.MessageReceived += OnMessage;
            transport.ConnectionLost += OnConnectionLost;
        }

        /// <summary>Raised (on the transport's thread) after an event was queued.</summary>
        public event WorkQueuedHandler WorkQueued;

        /// <summary>True when events wait to be handled.</summary>
        public bool HasPending
        {
            get
            {
                lock (_lock)
                {
                    return _count > 0;
                }
            }
        }

        /// <summary>Events dropped because the queue was full, since boot.</summary>
        public long Dropped
        {
            get
            {
                lock (_lock)
                {
                    return _dropped;
                }
            }
        }

        /// <summary>Call right before opening a connection: events queued from now on belong to it, earlier ones are skipped.</summary>
        public void BeginConnection()
        {
            lock (_lock)
            {
                _connection++;
            }
        }

        /// <summary>Takes the oldest event of the current connection; <see cref="TransportEventKind.None"/> when there is none.</summary>
        public TransportEventKind Next(out int packetId, out string topic, out byte[] payload)
        {
            lock (_lock)
            {
                while (_count > 0)
                {
                    int slot = _first;
                    TransportEventKind kind = _kinds[slot];
                    packetId = _packetIds[slot];
                    topic = _topics[slot];
                    payload = _payloads[slot];
                    bool current = _connections[slot] == _connection;
                    _topics[slot] = null;
                    _payloads[slot] = null;
                    _first = (_first + 1) % Capacity;
                    _count--;
                    if (kind == TransportEventKind.Message)
                    {
                        _messages--;
                    }

                    if (current)
                    {
                        return kind;
                    }
                }
            }

            packetId = 0;
            topic = null;
            payload = null;
            return TransportEventKind.None;
        }

        private void OnAcknowledged(ushort packetId)
        {
            Enqueue(TransportEventKind.Acknowledged, packetId, null, null);
        }

        private void OnMessage(string topic, byte[] payload, bool retained)
        {
            Enqueue(TransportEventKind.Message, 0, topic, payload);
        }

        private void OnConnectionLost(string reason)
        {
            Enqueue(TransportEventKind.ConnectionLost, 0, null, null);
        }

        private void Enqueue(TransportEventKind kind, int packetId, string topic, byte[] payload)
        {
            lock (_lock)
            {
                bool full = _count == Capacity || (kind == TransportEventKind.Message && _messages == MaxQueuedMessages);
                if (full)
                {
                    _dropped++;
                    return;
                }

                int slot = (_first + _count) % Capacity;
                _kinds[slot] = kind;
                _packetIds[slot] = packetId;
                _topics[slot] = topic;
                _payloads[slot] = payload;
                _connections[slot] = _connection;
                _count++;
                if (kind == TransportEventKind.Message)
                {
                    _messages++;
                }
            }

            WorkQueuedHandler handler = WorkQueued;
            if (handler != null)
            {
                handler();
            }
        }
    }
}
