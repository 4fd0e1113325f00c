using System;
using NordicIoT.Device.Configuration;
using NordicIoT.Device.Ota;
using NordicIoT.Device.Platform;
using NordicIoT.Device.Sampling;
using NordicIoT.Device.State;
using NordicIoT.Device.Storage;
using NordicIoT.Device.Uplink;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device
{
    /// <summary>The device: samples, buffers, uplinks, applies configuration and reports state, one step per <see cref="RunOnce"/>.</summary>
    /// <remarks>
    /// It has no threads of its own. Transport events are queued by <see cref="TransportEvents"/> and handled inside
    /// <see cref="RunOnce"/>, which one thread calls at a time: <see cref="DeviceLoop"/> on the board, a scheduler with a
    /// simulated clock in tests and the simulator.
    /// </remarks>
    public sealed class DeviceRuntime
    {
        /// <summary>Longest wait <see cref="RunOnce"/> returns, ms; waking early is harmless.</summary>
        public const int MaxWaitMilliseconds = 60 * 60 * 1000;

        private readonly IClock _clock;
        private readonly Topics _topics;
        private readonly IOfferHandler _offers;
        private readonly TransportEvents _events;
        private bool _started;

        /// <summary>Wires a device from its options and platform parts; nothing touches flash or network until <see cref="Start"/>.</summary>
        public DeviceRuntime(DeviceOptions options, DevicePlatform platform)
        {
            options.Validate();
            platform.Validate();
            _clock = platform.Clock;
            _topics = new Topics(options.DeviceId);
            _offers = platform.OfferHandler;
            Config = new DeviceConfig();
            Buffer = new ReadingBuffer(platform.Storage, options.BufferCapacityBytes);
            ConfigHandler = new ConfigHandler(platform.Storage, Config, options.MaxPayloadBytes);
            Sampler = new Sampler(platform.Sensors, _clock, Buffer, Config);
            State = new StateReporter(options, _clock, platform.SystemControl, Buffer, Sampler, Config, ConfigHandler);
            _events = new TransportEvents(platform.Transport);
            Uplink = new UplinkService(options, platform.Transport, _events, Buffer, Config, State, new ConnectBackoff(platform.Random));
            if (platform.Downloads != null)
            {
                Ota = new OtaAgent(options, platform.Storage, platform.Downloads, platform.SystemControl, Buffer, State, Uplink);
                _offers = Ota;
            }
        }

        /// <summary>Raised on the transport's thread when work arrived (a PUBACK, a message, a lost connection): call <see cref="RunOnce"/> soon.</summary>
        public event WorkQueuedHandler WorkQueued
        {
            add { _events.WorkQueued += value; }
            remove { _events.WorkQueued -= value; }
        }

        /// <summary>The configuration in effect (read it; the runtime changes it).</summary>
        public DeviceConfig Config { get; }

        /// <summary>Readings waiting for the broker's acknowledgement.</summary>
        public ReadingBuffer Buffer { get; }

        /// <summary>Applies and stores received configurations.</summary>
        public ConfigHandler ConfigHandler { get; }

        /// <summary>Reads the sensors.</summary>
        public Sampler Sampler { get; }

        /// <summary>Builds state reports.</summary>
        public StateReporter State { get; }

        /// <summary>The MQTT session and what it sends.</summary>
        public UplinkService Uplink { get; }

        /// <summary>Firmware updates; null when the platform has no download client.</summary>
        public OtaAgent Ota { get; }

        /// <summary>Opens the reading buffer (recovering from a power loss) and puts the stored configuration in effect.</summary>
        public void Start()
        {
            Buffer.Open();
            ConfigHandler.Load();
            long now = _clock.UptimeMilliseconds;
            Sampler.ApplyConfig(now);
            Uplink.Start(now);
            if (Ota != null)
            {
                Ota.Start(now);
            }

            _started = true;
        }

        /// <summary>Does the work that is due (events, sampling, uplink) and returns the milliseconds until more is due.</summary>
        public int RunOnce()
        {
            if (!_started)
            {
                throw new InvalidOperationException("call Start() before RunOnce()");
            }

            long now = _clock.UptimeMilliseconds;
            HandleEvents(now);
            if (Sampler.SampleDue(now))
            {
                Uplink.RequestUplink();
            }

            // Before the uplink, so a progress change goes out in this step's state report.
            if (Ota != null)
            {
                Ota.Run(now);
            }

            Uplink.Run(now);
            if (_events.HasPending)
            {
                return 0;
            }

            long next = Sampler.NextDue;
            long uplinkNext = Uplink.NextDue(now);
            if (uplinkNext < next)
            {
                next = uplinkNext;
            }

            if (Ota != null && Ota.NextDue(now) < next)
            {
                next = Ota.NextDue(now);
            }

            long wait = next - _clock.UptimeMilliseconds;
            if (wait <= 0)
            {
                return 0;
            }

            return wait > MaxWaitMilliseconds ? MaxWaitMilliseconds : (int)wait;
        }

        private void HandleEvents(long now)
        {
            while (true)
            {
                int packetId;
                string topic;
                byte[] payload;
                switch (_events.Next(out packetId, out topic, out payload))
                {
                    case TransportEventKind.None:
                        return;
                    case TransportEventKind.Acknowledged:
                        Uplink.OnAcknowledged(packetId);
                        break;
                    case TransportEventKind.ConnectionLost:
                        Uplink.OnConnectionLost(now);
                        break;
                    default:
                        HandleMessage(topic, payload, now);
                        break;
                }
            }
        }

        private void HandleMessage(string topic, byte[] payload, long now)
        {
            if (topic == _topics.Config)
            {
                ConfigOutcome outcome = ConfigHandler.Handle(payload);
                if (outcome == ConfigOutcome.Applied)
                {
                    Sampler.ApplyConfig(now);
                    Uplink.OnConfigApplied(now);
                }

                if (outcome != ConfigOutcome.Unchanged)
                {
                    State.Force();
                }
            }
            else if (topic == _topics.Offer && _offers != null)
            {
                _offers.OnOffer(payload);
            }
        }
    }
}
