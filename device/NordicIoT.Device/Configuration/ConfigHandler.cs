using NordicIoT.Device.Platform;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Configuration
{
    /// <summary>Checks, applies and stores the configuration the cloud publishes; one it cannot apply is refused with a reason and the previous one stays in effect.</summary>
    /// <remarks>
    /// The raw CBOR is kept in flash (<see cref="FileName"/>, replaced atomically), so a reboot without network
    /// starts on the last applied configuration. Versions never go back: an older version than the one in effect is
    /// refused, the same version is the retained copy seen again.
    /// </remarks>
    public sealed class ConfigHandler
    {
        /// <summary>Largest configuration accepted, bytes (the format needs well under 200).</summary>
        public const int MaxConfigBytes = 1024;

        /// <summary>The file holding the applied configuration.</summary>
        public const string FileName = "config.cbor";

        /// <summary>Longest rejection reason (the state report's limit).</summary>
        public const int MaxReasonLength = 120;

        private readonly IFileStorage _storage;
        private readonly DeviceConfig _active;
        private readonly DeviceConfig _candidate = new DeviceConfig();
        private readonly int _maxBatchBytes;
        private readonly CborReader _reader = new CborReader(new byte[0], 0, 0);
        private bool _hasConfig;

        /// <summary>Keeps <paramref name="active"/> up to date; refuses batch caps above <paramref name="maxBatchBytes"/> (what the board allocated).</summary>
        public ConfigHandler(IFileStorage storage, DeviceConfig active, int maxBatchBytes)
        {
            _storage = storage;
            _active = active;
            _maxBatchBytes = maxBatchBytes;
        }

        /// <summary>Configurations refused since boot; a new refusal changes it even when the reason text repeats.</summary>
        public int Rejections { get; private set; }

        /// <summary>Version of the last refused configuration (0 when it could not be read).</summary>
        public long RejectedVersion { get; private set; }

        /// <summary>Why the last configuration was refused; null when none was.</summary>
        public string RejectionReason { get; private set; }

        /// <summary>Puts the stored configuration in effect, or the defaults when there is none; an unreadable file counts as a rejection.</summary>
        public void Load()
        {
            _active.Reset();
            _hasConfig = false;
            if (!_storage.Exists(FileName))
            {
                return;
            }

            int length = _storage.Length(FileName);
            if (length > MaxConfigBytes)
            {
                Reject(0, "stored config is " + length.ToString() + " bytes, more than " + MaxConfigBytes.ToString());
                return;
            }

            byte[] stored = new byte[length];
            int read = _storage.Read(FileName, 0, stored, 0, length);
            try
            {
                _reader.Reset(stored, 0, read);
                DeviceConfigCodec.Decode(_reader, _candidate);
            }
            catch (WireFormatException e)
            {
                Reject(0, "stored config unreadable: " + e.Message);
                return;
            }

            _active.CopyFrom(_candidate);
            _hasConfig = true;
        }

        /// <summary>Handles one configuration message: refuses it with a reason, finds it already in effect, or stores and applies it.</summary>
        public ConfigOutcome Handle(byte[] payload)
        {
            if (payload.Length > MaxConfigBytes)
            {
                return Reject(0, "config is " + payload.Length.ToString() + " bytes, more than " + MaxConfigBytes.ToString());
            }

            try
            {
                _reader.Reset(payload, 0, payload.Length);
                DeviceConfigCodec.Decode(_reader, _candidate);
            }
            catch (WireFormatException e)
            {
                return Reject(PeekVersion(payload), e.Message);
            }

            long version = _candidate.Version;
            if (_candidate.MaxBatchBytes > _maxBatchBytes)
            {
                return Reject(version, "max batch bytes " + _candidate.MaxBatchBytes.ToString() + " is more than this board's " + _maxBatchBytes.ToString());
            }

            if (_hasConfig && version == _active.Version)
            {
                return ConfigOutcome.Unchanged;
            }

            if (_hasConfig && version < _active.Version)
            {
                return Reject(version, "config version " + version.ToString() + " is older than version " + _active.Version.ToString() + " in effect");
            }

            _storage.Replace(FileName, payload, 0, payload.Length);
            _active.CopyFrom(_candidate);
            _hasConfig = true;
            return ConfigOutcome.Applied;
        }

        private ConfigOutcome Reject(long version, string reason)
        {
            Rejections++;
            RejectedVersion = version;
            RejectionReason = reason.Length > MaxReasonLength ? reason.Substring(0, MaxReasonLength) : reason;
            return ConfigOutcome.Rejected;
        }

        // A configuration that fails validation is still reported under its version when key 1 can be found.
        private long PeekVersion(byte[] payload)
        {
            try
            {
                _reader.Reset(payload, 0, payload.Length);
                int pairs = _reader.ReadMapHeader();
                for (int i = 0; i < pairs; i++)
                {
                    if (_reader.PeekType() != CborType.UnsignedInteger)
                    {
                        _reader.SkipValue();
                    }
                    else if (_reader.ReadUInt() == 1)
                    {
                        ulong version = _reader.PeekType() == CborType.UnsignedInteger ? _reader.ReadUInt() : 0;
                        return version > long.MaxValue ? 0 : (long)version;
                    }

                    _reader.SkipValue();
                }
            }
            catch (WireFormatException)
            {
                // Not even the version is readable: report the rejection under version 0.
            }

            return 0;
        }
    }
}
