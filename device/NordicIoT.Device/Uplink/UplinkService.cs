using NordicIoT.Device.State;
using NordicIoT.Device.Storage;
using NordicIoT.Device.Transport;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Uplink
{
    /// <summary>Keeps one MQTT session and sends a state report first, then buffered readings oldest first in batches within the configured cap.</summary>
    /// <remarks>
    /// <para>An uplink (every UplinkInterval, on every connect, after each reading in live mode, when a reading is outside
    /// its threshold) sends everything buffered. At most <see cref="MaxInFlight"/> QoS 1 publishes wait for their PUBACK.
    /// A batch's readings leave the buffer only when it and every batch before it were acknowledged, so the buffer
    /// head only moves forward over delivered data. The next connection forgets what was in flight on the last one:
    /// those readings are still in the buffer and go again (the cloud stores each reading once).</para>
    /// <para>Normal and live mode stay connected and reconnect with <see cref="ConnectBackoff"/>; power-save mode connects
    /// for an uplink and disconnects once everything it sent was acknowledged.</para>
    /// </remarks>
    public sealed class UplinkService
    {
        /// <summary>Publishes waiting for a PUBACK at most (AWS IoT allows about 100).</summary>
        public const int MaxInFlight = 4;

        private const int AtLeastOnce = 1;
        private const int NoPacket = -1;

        private readonly IMqttTransport _transport;
        private readonly int _keepAliveSeconds;
        private readonly TransportEvents _events;
        private readonly ReadingBuffer _buffer;
        private readonly DeviceConfig _config;
        private readonly StateReporter _state;
        private readonly ConnectBackoff _backoff;
        private readonly Topics _topics;
        private readonly byte[] _payload;
        private readonly CborWriter _writer;
        private readonly ReadingBatch _batch;

        // Batches in flight, oldest first: packet id, last sequence carried, acknowledged yet.
        private readonly int[] _batchIds = new int[MaxInFlight];
        private readonly long[] _batchLast = new long[MaxInFlight];
        private readonly bool[] _batchAcknowledged = new bool[MaxInFlight];
        private int _batchCount;
        private int _stateId = NoPacket;
        private long _nextSend;
        private bool _uplinkRequested;
        private bool _draining;
        private int _uplinkInterval;
        private long _nextUplinkAt;

        /// <summary>Sends over <paramref name="transport"/> what <paramref name="buffer"/> holds, as <paramref name="config"/> says.</summary>
        public UplinkService(DeviceOptions options, IMqttTransport transport, TransportEvents events, ReadingBuffer buffer, DeviceConfig config, StateReporter state, ConnectBackoff backoff)
        {
            _transport = transport;
            _events = events;
            _buffer = buffer;
            _config = config;
            _state = state;
            _backoff = backoff;
            _topics = new Topics(options.DeviceId);
            _keepAliveSeconds = options.KeepAliveSeconds;
            _payload = new byte[options.MaxPayloadBytes];
            _writer = new CborWriter(_payload);

            // Room for the values of GPS readings too, at a third of the readings (the cap binds long before that).
            int readings = options.MaxReadingsPerBatch;
            _batch = new ReadingBatch(readings, readings * 2 > SensorKind.MaxDimensions ? readings * 2 : SensorKind.MaxDimensions);
        }

        /// <summary>True while a session is open.</summary>
        public bool IsConnected { get; private set; }

        /// <summary>Batches published since boot (re-sends included).</summary>
        public long BatchesPublished { get; private set; }

        /// <summary>Publishes waiting for their PUBACK.</summary>
        public int InFlight
        {
            get { return _batchCount + (_state.InFlight ? 1 : 0); }
        }

        /// <summary>Starts at uptime <paramref name="now"/> with an uplink, so every mode reports its state and fetches its configuration after boot.</summary>
        public void Start(long now)
        {
            Schedule(now);
            _uplinkRequested = true;
        }

        /// <summary>Sends everything buffered at the next chance (connecting first in power-save mode).</summary>
        public void RequestUplink()
        {
            _uplinkRequested = true;
        }

        /// <summary>Picks up a new configuration: a changed uplink interval restarts the schedule from now.</summary>
        public void OnConfigApplied(long now)
        {
            if (_config.UplinkInterval != _uplinkInterval)
            {
                Schedule(now);
            }
        }

        /// <summary>Handles a PUBACK: a state report becomes the reporting baseline; acknowledged batches at the front leave the buffer.</summary>
        public void OnAcknowledged(int packetId)
        {
            if (packetId == _stateId)
            {
                _stateId = NoPacket;
                _state.Acknowledged();
                return;
            }

            for (int i = 0; i < _batchCount; i++)
            {
                if (_batchIds[i] == packetId)
                {
                    _batchAcknowledged[i] = true;
                    break;
                }
            }

            int done = 0;
            while (done < _batchCount && _batchAcknowledged[done])
            {
                done++;
            }

            if (done == 0)
            {
                return;
            }

            _buffer.RemoveThrough(_batchLast[done - 1]);
            for (int i = done; i < _batchCount; i++)
            {
                _batchIds[i - done] = _batchIds[i];
                _batchLast[i - done] = _batchLast[i];
                _batchAcknowledged[i - done] = _batchAcknowledged[i];
            }

            _batchCount -= done;
        }

        /// <summary>Handles the transport's notice that the session was lost.</summary>
        public void OnConnectionLost(long now)
        {
            if (IsConnected)
            {
                Drop(now);
            }
        }

        /// <summary>Does the uplink work due at uptime <paramref name="now"/>: connect, report state, publish batches, disconnect in power save.</summary>
        public void Run(long now)
        {
            if (now >= _nextUplinkAt)
            {
                _uplinkRequested = true;
                _nextUplinkAt = now + (_uplinkInterval * 1000L);
            }

            if (!IsConnected && (!WantsConnection() || now < _backoff.NextAttemptAt || !TryConnect(now)))
            {
                return;
            }

            if (_uplinkRequested)
            {
                _uplinkRequested = false;
                _draining = true;
                _state.RequestCheck();
            }

            if (InFlight < MaxInFlight && _state.IsDue(now) && !PublishState(now))
            {
                return;
            }

            while (_draining && InFlight < MaxInFlight && _nextSend < _buffer.NextSequence)
            {
                if (!PublishBatch(now))
                {
                    return;
                }
            }

            if (_draining && _batchCount == 0 && _nextSend >= _buffer.NextSequence)
            {
                _draining = false;
            }

            if (_config.Mode == DeviceMode.PowerSave && !_draining && !_uplinkRequested && InFlight == 0)
            {
                Close(now);
            }
        }

        /// <summary>Uptime (ms) at which <see cref="Run"/> has work next, not counting PUBACKs and messages (they wake the loop themselves).</summary>
        public long NextDue(long now)
        {
            if (!IsConnected)
            {
                if (!WantsConnection())
                {
                    return _nextUplinkAt;
                }

                return _backoff.NextAttemptAt > now ? _backoff.NextAttemptAt : now;
            }

            // A full report due while a report is in flight or the window is full waits for a PUBACK, which wakes the loop.
            long next = _nextUplinkAt;
            if (!_state.InFlight && InFlight < MaxInFlight && _state.NextFullAt < next)
            {
                next = _state.NextFullAt;
            }

            return next;
        }

        private void Schedule(long now)
        {
            _uplinkInterval = _config.UplinkInterval;
            _nextUplinkAt = now + (_uplinkInterval * 1000L);
        }

        private bool WantsConnection()
        {
            return _config.Mode != DeviceMode.PowerSave || _uplinkRequested || _draining;
        }

        private bool TryConnect(long now)
        {
            _events.BeginConnection();
            ForgetInFlight();
            try
            {
                _transport.Connect(_topics.DeviceId, true, _keepAliveSeconds);
                _transport.Subscribe(_topics.Config, AtLeastOnce);
                _transport.Subscribe(_topics.Offer, AtLeastOnce);
            }
            catch (MqttTransportException)
            {
                CloseQuietly();
                _backoff.Failed(now);
                return false;
            }

            IsConnected = true;
            _backoff.Connected(now);
            _state.Force();
            _uplinkRequested = true;
            return true;
        }

        private bool PublishState(long now)
        {
            _writer.Reset(_payload, 0);
            int length = _state.Write(now, _writer);
            int id = Publish(_topics.State, length, now);
            if (id == NoPacket)
            {
                return false;
            }

            _stateId = id;
            return true;
        }

        private bool PublishBatch(long now)
        {
            _batch.Clear();
            long first = _nextSend > _buffer.FirstSequence ? _nextSend : _buffer.FirstSequence;
            if (_buffer.Read(first, _batch, _batch.Capacity) == 0)
            {
                _nextSend = _buffer.NextSequence;
                return true;
            }

            // The smallest cap (64 bytes) holds any single reading, so at least one always fits.
            int count = BatchEncoder.CountThatFits(_batch, _config.MaxBatchBytes);
            _writer.Reset(_payload, 0);
            int length = BatchEncoder.Encode(_batch, count, _writer);
            int id = Publish(_topics.Batch, length, now);
            if (id == NoPacket)
            {
                return false;
            }

            _batchIds[_batchCount] = id;
            _batchLast[_batchCount] = first + count - 1;
            _batchAcknowledged[_batchCount] = false;
            _batchCount++;
            _nextSend = first + count;
            BatchesPublished++;
            return true;
        }

        // Returns the packet id, or NoPacket when the session broke (then it is already dropped).
        private int Publish(string topic, int length, long now)
        {
            try
            {
                return _transport.Publish(topic, _payload, length, AtLeastOnce, false);
            }
            catch (MqttTransportException)
            {
                Drop(now);
                return NoPacket;
            }
        }

        private void Drop(long now)
        {
            CloseQuietly();
            IsConnected = false;
            _backoff.Lost(now);
        }

        private void Close(long now)
        {
            CloseQuietly();
            IsConnected = false;
            _backoff.Closed(now);
        }

        // Called when the next connection begins, not when the last one ends: PUBACKs of the old connection queued
        // before the runtime noticed the loss (a publish that threw) still remove their readings instead of re-sending them.
        private void ForgetInFlight()
        {
            _batchCount = 0;
            _stateId = NoPacket;
            _state.Lost();
            _nextSend = _buffer.FirstSequence;
        }

        private void CloseQuietly()
        {
            try
            {
                _transport.Disconnect();
            }
            catch (MqttTransportException)
            {
                // Already gone: nothing left to close.
            }
        }
    }
}
