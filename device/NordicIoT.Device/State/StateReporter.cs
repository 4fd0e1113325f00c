using NordicIoT.Device.Configuration;
using NordicIoT.Device.Platform;
using NordicIoT.Device.Sampling;
using NordicIoT.Device.Storage;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.State
{
    /// <summary>Builds state reports: partial ones with the fields that changed since the last acknowledged report, and a full one every StateInterval.</summary>
    /// <remarks>
    /// A report goes out when forced (on connect, after a configuration was applied or refused), when a full report is
    /// due, or at an uplink when a field that matters changed. Time, uptime and the buffered count ride along but never
    /// cause a report by themselves (they change all the time); free heap, battery and signal cause one only when they
    /// moved by at least <see cref="FreeHeapStep"/>, <see cref="BatteryStep"/> or <see cref="SignalStep"/>.
    /// Only a PUBACK makes a report's values the new baseline, so fields of a report lost with the connection go again.
    /// </remarks>
    public sealed class StateReporter
    {
        /// <summary>Change of free heap, bytes, that is worth a report.</summary>
        public const long FreeHeapStep = 4096;

        /// <summary>Change of battery voltage, mV, that is worth a report.</summary>
        public const long BatteryStep = 50;

        /// <summary>Change of signal strength, dB, that is worth a report.</summary>
        public const long SignalStep = 5;

        // One slot per state key; the latest battery value sits in the Latest slot and signal in the slot after the keys.
        private const int SignalSlot = StateField.Last + 1;
        private const int Slots = SignalSlot + 1;
        private const long Unknown = long.MinValue;

        private readonly long[] _current = new long[Slots];
        private readonly long[] _sent = new long[Slots];
        private readonly long[] _acknowledged = new long[Slots];
        private readonly int[] _values = new int[SensorKind.MaxDimensions];
        private readonly StateReport _report = new StateReport();
        private readonly DeviceOptions _options;
        private readonly IClock _clock;
        private readonly ISystemControl _system;
        private readonly ReadingBuffer _buffer;
        private readonly Sampler _sampler;
        private readonly DeviceConfig _config;
        private readonly ConfigHandler _configHandler;
        private OtaProgress _ota;
        private long _otaChanges;
        private int _sentSlots;
        private bool _forced;
        private bool _checkRequested;
        private long _nextFullAt;

        /// <summary>Reports on the given parts of the device.</summary>
        public StateReporter(DeviceOptions options, IClock clock, ISystemControl system, ReadingBuffer buffer, Sampler sampler, DeviceConfig config, ConfigHandler configHandler)
        {
            _options = options;
            _clock = clock;
            _system = system;
            _buffer = buffer;
            _sampler = sampler;
            _config = config;
            _configHandler = configHandler;
            for (int slot = 0; slot < Slots; slot++)
            {
                _acknowledged[slot] = Unknown;
            }
        }

        /// <summary>True while a report waits for its PUBACK; the next one waits for it.</summary>
        public bool InFlight { get; private set; }

        /// <summary>Uptime (ms) at which the next full report is due.</summary>
        public long NextFullAt
        {
            get { return _nextFullAt; }
        }

        /// <summary>Sends a report at the next chance even when nothing changed.</summary>
        public void Force()
        {
            _forced = true;
        }

        /// <summary>Puts <paramref name="progress"/> in state key 11 from now on; every call counts as a change, so it goes in the next report.</summary>
        /// <remarks>The OTA agent keeps one progress object and calls this after each change it wants reported (throttled while downloading).</remarks>
        public void ReportOta(OtaProgress progress)
        {
            _ota = progress;
            _otaChanges++;
            _checkRequested = true;
        }

        /// <summary>True once the broker acknowledged a report carrying the latest <see cref="ReportOta"/>.</summary>
        public bool OtaReported
        {
            get { return _ota != null && _acknowledged[StateField.Ota] == _otaChanges; }
        }

        /// <summary>At the next chance, sends a report if a field that matters changed.</summary>
        public void RequestCheck()
        {
            _checkRequested = true;
        }

        /// <summary>True when a report should be sent now.</summary>
        public bool IsDue(long now)
        {
            if (InFlight)
            {
                return false;
            }

            if (_forced || now >= _nextFullAt)
            {
                return true;
            }

            if (!_checkRequested)
            {
                return false;
            }

            _checkRequested = false;
            Collect();
            for (int slot = 1; slot < Slots; slot++)
            {
                if (IsTrigger(slot) && Changed(slot))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Writes the report due at <paramref name="now"/> (full or partial) and marks it in flight; returns its length.</summary>
        public int Write(long now, CborWriter writer)
        {
            Collect();
            bool full = now >= _nextFullAt;
            _report.Clear();
            _sentSlots = 0;
            for (int slot = 1; slot < Slots; slot++)
            {
                if (_current[slot] != Unknown && (full || !IsTrigger(slot) || Changed(slot)))
                {
                    _sentSlots |= 1 << slot;
                    _sent[slot] = _current[slot];
                }
            }

            // Battery and signal travel together in the latest-values map.
            if ((_sentSlots & ((1 << StateField.Latest) | (1 << SignalSlot))) != 0)
            {
                Include(StateField.Latest);
                Include(SignalSlot);
            }

            Fill();
            if (full)
            {
                _nextFullAt = now + (_config.StateInterval * 1000L);
            }

            _forced = false;
            _checkRequested = false;
            InFlight = true;
            return StateReportCodec.Encode(_report, writer);
        }

        /// <summary>The report in flight was acknowledged: its values become the baseline for partial reports.</summary>
        public void Acknowledged()
        {
            for (int slot = 1; slot < Slots; slot++)
            {
                if ((_sentSlots & (1 << slot)) != 0)
                {
                    _acknowledged[slot] = _sent[slot];
                }
            }

            InFlight = false;
        }

        /// <summary>The report in flight was lost with the connection; its changes go in a later report.</summary>
        public void Lost()
        {
            InFlight = false;
        }

        private void Include(int slot)
        {
            if (_current[slot] != Unknown)
            {
                _sentSlots |= 1 << slot;
                _sent[slot] = _current[slot];
            }
        }

        private void Fill()
        {
            if (Has(StateField.Time)) { _report.Time = _current[StateField.Time]; }
            if (Has(StateField.FirmwareVersion)) { _report.FirmwareVersion = _options.FirmwareVersion; }
            if (Has(StateField.Board)) { _report.Board = _options.Board; }
            if (Has(StateField.Uptime)) { _report.Uptime = _current[StateField.Uptime]; }
            if (Has(StateField.FreeHeap)) { _report.FreeHeap = _current[StateField.FreeHeap]; }
            if (Has(StateField.Buffered)) { _report.Buffered = _current[StateField.Buffered]; }
            if (Has(StateField.BufferFill)) { _report.BufferFill = (int)_current[StateField.BufferFill]; }
            if (Has(StateField.Dropped)) { _report.Dropped = _current[StateField.Dropped]; }
            if (Has(StateField.ConfigVersion)) { _report.ConfigVersion = _current[StateField.ConfigVersion]; }
            if (Has(StateField.ConfigRejection)) { _report.SetConfigRejection(_configHandler.RejectedVersion, _configHandler.RejectionReason); }
            if (Has(StateField.Ota)) { _report.Ota = _ota; }
            if (Has(StateField.Latest)) { _report.SetLatest(SensorKind.Battery, (int)_current[StateField.Latest]); }
            if (Has(SignalSlot)) { _report.SetLatest(SensorKind.Signal, (int)_current[SignalSlot]); }
            if (Has(StateField.Network)) { _report.Network = (int)_current[StateField.Network]; }
        }

        private bool Has(int slot)
        {
            return (_sentSlots & (1 << slot)) != 0;
        }

        private void Collect()
        {
            _current[StateField.Time] = _clock.IsValid ? _clock.UnixSeconds : Unknown;

            // Constant for a run: sent until acknowledged once, then only in full reports.
            _current[StateField.FirmwareVersion] = 1;
            _current[StateField.Board] = 1;
            _current[StateField.Uptime] = _clock.UptimeMilliseconds / 1000;
            _current[StateField.FreeHeap] = _system.FreeMemoryBytes();
            _current[StateField.Buffered] = _buffer.Count + _sampler.WaitingForClock;
            _current[StateField.BufferFill] = _buffer.FillPercent;
            _current[StateField.Dropped] = _buffer.Dropped + _sampler.DroppedBeforeClock;
            _current[StateField.ConfigVersion] = _config.Version;
            _current[StateField.ConfigRejection] = _configHandler.Rejections > 0 ? _configHandler.Rejections : Unknown;
            _current[StateField.Ota] = _ota != null ? _otaChanges : Unknown;
            _current[StateField.Latest] = _sampler.TryGetCurrent(SensorKind.Battery, _values) ? _values[0] : Unknown;
            _current[SignalSlot] = _sampler.TryGetCurrent(SensorKind.Signal, _values) ? _values[0] : Unknown;
            _current[StateField.Network] = (int)_options.Network;
        }

        private bool Changed(int slot)
        {
            long now = _current[slot];
            long was = _acknowledged[slot];
            if (now == Unknown)
            {
                return false;
            }

            if (was == Unknown)
            {
                return true;
            }

            long difference = now > was ? now - was : was - now;
            return difference >= Step(slot);
        }

        private static long Step(int slot)
        {
            switch (slot)
            {
                case StateField.FreeHeap: return FreeHeapStep;
                case StateField.Latest: return BatteryStep;
                case SignalSlot: return SignalStep;
                default: return 1;
            }
        }

        private static bool IsTrigger(int slot)
        {
            return slot != StateField.Time && slot != StateField.Uptime && slot != StateField.Buffered;
        }
    }
}
