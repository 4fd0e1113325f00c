using NordicIoT.Device.Ota.AppSets;
using NordicIoT.Device.Platform;
using NordicIoT.Device.State;
using NordicIoT.Device.Storage;
using NordicIoT.Device.Uplink;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Ota
{
    /// <summary>The device's OTA agent: checks offers, downloads and verifies the release into the spare slot, hands it to the loader, and confirms or reports the outcome.</summary>
    /// <remarks>
    /// <para>Driven by <see cref="DeviceRuntime.RunOnce"/> like every other part (no thread of its own): one fragment per
    /// step while downloading, so sampling, buffering and the uplink carry on between fragments.</para>
    /// <para>Everything needed after a reboot is on storage under <see cref="AppSetNames.Prefix"/> names: the offer being
    /// downloaded (<see cref="OfferFile"/>), the staged files, the taken rollouts, the last status, and the loader's
    /// markers (see <see cref="BootSelector"/>). Nothing else on storage is touched.</para>
    /// <para>Progress goes into state key 11 through <see cref="StateReporter.ReportOta"/>, throttled while downloading.</para>
    /// </remarks>
    public sealed class OtaAgent : IOfferHandler
    {
        /// <summary>The offer whose release is being downloaded, as received; gone once the set is installed or given up.</summary>
        public const string OfferFile = AppSetNames.Prefix + "offer";

        /// <summary>Longest reason state key 11 carries.</summary>
        public const int MaxReasonLength = 120;

        private const int MaxRetryMilliseconds = 60000;

        private readonly DeviceOptions _options;
        private readonly OtaOptions _settings;
        private readonly IFileStorage _storage;
        private readonly ISystemControl _system;
        private readonly ReadingBuffer _buffer;
        private readonly StateReporter _state;
        private readonly UplinkService _uplink;
        private readonly OfferCheck _check;
        private readonly StagedDownload _download;
        private readonly TakenRollouts _taken;
        private readonly OtaStatusStore _statusStore;
        private readonly ProgressThrottle _throttle;
        private readonly OtaProgress _progress = new OtaProgress();
        private bool _hasProgress;
        private byte[] _pendingOffer;
        private bool _offerPending;
        private FirmwareOffer _job;
        private FirmwareManifest _manifest;
        private string _slot;
        private InstallMarker _trial;
        private int _failures;
        private long _retryAt;
        private long _waitUntil;
        private long _deadline;

        /// <summary>Wires the agent to the device's storage, download client, reboot, reading buffer (for the flash reserve), state reports and uplink (for the health check).</summary>
        public OtaAgent(DeviceOptions options, IFileStorage storage, IHttpRangeClient http, ISystemControl system, ReadingBuffer buffer, StateReporter state, UplinkService uplink)
        {
            _options = options;
            _settings = options.Ota;
            _storage = storage;
            _system = system;
            _buffer = buffer;
            _state = state;
            _uplink = uplink;
            _check = new OfferCheck(storage, _settings.TrustedKeyFile, options.Board, options.FirmwareVersion);
            _download = new StagedDownload(storage, http, _settings.FragmentBytes);
            _taken = new TakenRollouts(storage);
            _statusStore = new OtaStatusStore(storage);
            _throttle = new ProgressThrottle(_settings.ProgressStepPercent, _settings.ProgressIntervalSeconds);
        }

        /// <summary>What the agent is doing.</summary>
        public OtaPhase Phase { get; private set; }

        /// <summary>The progress in state key 11, or null before the device ever handled an offer.</summary>
        public OtaProgress Progress
        {
            get { return _hasProgress ? _progress : null; }
        }

        /// <inheritdoc/>
        public void OnOffer(byte[] payload)
        {
            // Handled in Run, in one place, whatever the phase: an offer during a trial waits for its outcome.
            _pendingOffer = payload;
            _offerPending = true;
        }

        /// <summary>Picks up where the last run stopped: a rollback to report, a new application to confirm, a download to resume.</summary>
        public void Start(long now)
        {
            _taken.Load();
            _hasProgress = _statusStore.Load(_progress);
            if (_hasProgress)
            {
                _state.ReportOta(_progress);
            }

            RollbackNotice failed = RollbackNotice.Read(_storage);
            InstallMarker trial = InstallMarker.Read(_storage, AppSetNames.Trial);
            if (failed != null)
            {
                ReportRollback(failed);
            }
            else if (trial != null)
            {
                BeginConfirm(trial, now);
            }
            else if (_storage.Exists(AppSetNames.Next))
            {
                // Installed, but this boot did not go through the loader: reboot so that it does.
                Phase = OtaPhase.Rebooting;
                _waitUntil = now;
            }
            else if (_storage.Exists(OfferFile))
            {
                Resume(now);
            }
        }

        /// <summary>Does the OTA work due at uptime <paramref name="now"/>: an offer, one download step, the switch, or the health check.</summary>
        public void Run(long now)
        {
            if (_offerPending && (Phase == OtaPhase.Idle || Phase == OtaPhase.Downloading))
            {
                byte[] payload = _pendingOffer;
                _pendingOffer = null;
                _offerPending = false;
                HandleOffer(payload, now);
            }

            switch (Phase)
            {
                case OtaPhase.Downloading:
                    if (now >= _retryAt)
                    {
                        Download(now);
                    }

                    break;
                case OtaPhase.Verified:
                    if (ReportedOrWaited(now))
                    {
                        Install(now);
                    }

                    break;
                case OtaPhase.Installing:
                    if (ReportedOrWaited(now))
                    {
                        Announce(OtaPhase.Rebooting, OtaStatus.Rebooting, now);
                    }

                    break;
                case OtaPhase.Rebooting:
                    if (ReportedOrWaited(now))
                    {
                        Phase = OtaPhase.Rebooted;
                        _system.Reboot();
                    }

                    break;
                case OtaPhase.Confirming:
                    CheckHealth(now);
                    break;
            }
        }

        /// <summary>Uptime (ms) at which <see cref="Run"/> has work next; acknowledgements wake the loop by themselves.</summary>
        public long NextDue(long now)
        {
            if (_offerPending && (Phase == OtaPhase.Idle || Phase == OtaPhase.Downloading))
            {
                return now;
            }

            switch (Phase)
            {
                case OtaPhase.Downloading:
                    return _retryAt > now ? _retryAt : now;
                case OtaPhase.Verified:
                case OtaPhase.Installing:
                case OtaPhase.Rebooting:
                    return _waitUntil;
                case OtaPhase.Confirming:
                    return _deadline;
                default:
                    return long.MaxValue;
            }
        }

        private void HandleOffer(byte[] payload, long now)
        {
            if (payload == null || payload.Length == 0)
            {
                if (Phase == OtaPhase.Downloading)
                {
                    GiveUpDownload("the offer was withdrawn");
                }

                return;
            }

            FirmwareOffer offer;
            try
            {
                offer = FirmwareOfferCodec.Decode(new CborReader(payload, 0, payload.Length));
            }
            catch (WireFormatException e)
            {
                SetStatus(0, OtaStatus.Rejected, -1, "the offer is unreadable: " + e.Message, null);
                return;
            }

            if (_hasProgress && offer.RolloutId == _progress.RolloutId)
            {
                // The retained offer again (it comes with every connect): keep what is in hand, with a fresh token if it has one.
                if (Phase == OtaPhase.Downloading && ByteArrays.Equal(offer.Manifest, _job.Manifest) && ByteArrays.Equal(offer.Signature, _job.Signature))
                {
                    _job = offer;
                    _download.UseLocation(offer.BaseUrl, offer.Token);
                    _storage.Replace(OfferFile, payload, 0, payload.Length);
                }

                return;
            }

            if (Phase == OtaPhase.Downloading)
            {
                GiveUpDownload("replaced by rollout " + offer.RolloutId.ToString());
            }

            if (_taken.Contains(offer.RolloutId))
            {
                SetStatus(offer.RolloutId, OtaStatus.Rejected, -1, "rollout " + offer.RolloutId.ToString() + " was taken before", null);
                return;
            }

            FirmwareManifest manifest;
            string problem = _check.Check(offer, out manifest);
            if (problem != null)
            {
                SetStatus(offer.RolloutId, OtaStatus.Rejected, -1, problem, manifest == null ? null : manifest.Version);
                return;
            }

            _taken.Add(offer.RolloutId);
            _slot = AppSetNames.Other(BootSelector.CurrentSlot(_storage));
            StagedDownload.Clear(_storage, _slot);
            _storage.Replace(OfferFile, payload, 0, payload.Length);
            StartDownload(offer, manifest, now);
            SetStatus(offer.RolloutId, OtaStatus.Downloading, 0, null, manifest.Version);
            _throttle.Reported(0, now);
        }

        private void Resume(long now)
        {
            FirmwareOffer offer;
            FirmwareManifest manifest;
            try
            {
                // Not checked again: the signature was verified before the offer was stored, on the flash that holds the application itself.
                byte[] payload = new byte[_storage.Length(OfferFile)];
                int read = _storage.Read(OfferFile, 0, payload, 0, payload.Length);
                offer = FirmwareOfferCodec.Decode(new CborReader(payload, 0, read));
                manifest = FirmwareManifestCodec.Decode(new CborReader(offer.Manifest, 0, offer.Manifest.Length));
            }
            catch (WireFormatException e)
            {
                _storage.Delete(OfferFile);
                SetStatus(_hasProgress ? _progress.RolloutId : 0, OtaStatus.Failed, -1, "the download in progress could not be resumed: " + e.Message, null);
                return;
            }

            _slot = AppSetNames.Other(BootSelector.CurrentSlot(_storage));
            bool current = _hasProgress && _progress.RolloutId == offer.RolloutId;
            if (current && (_progress.Status == OtaStatus.Failed || _progress.Status == OtaStatus.Rejected))
            {
                // Given up before a power cut finished cleaning up: finish now.
                _storage.Delete(OfferFile);
                StagedDownload.Clear(_storage, _slot);
                return;
            }

            StartDownload(offer, manifest, now);
            if (current)
            {
                _throttle.Reported(_progress.Percent, now);
            }
            else
            {
                SetStatus(offer.RolloutId, OtaStatus.Downloading, 0, null, manifest.Version);
                _throttle.Reported(0, now);
            }
        }

        private void StartDownload(FirmwareOffer offer, FirmwareManifest manifest, long now)
        {
            _job = offer;
            _manifest = manifest;
            _download.Begin(manifest, offer.BaseUrl, offer.Token, _slot);
            _failures = 0;
            _retryAt = now;
            Phase = OtaPhase.Downloading;
        }

        private void Download(long now)
        {
            switch (_download.Step(ReserveBytes()))
            {
                case DownloadStep.Working:
                    _failures = 0;
                    int percent = Percent();
                    if (_throttle.IsDue(percent, now))
                    {
                        _throttle.Reported(percent, now);
                        SetStatus(_job.RolloutId, OtaStatus.Downloading, percent, null, _manifest.Version);
                    }

                    break;
                case DownloadStep.Interrupted:
                    // Back off 1 s, 2 s, 4 s ... up to a minute; the staged bytes stay, so nothing is fetched twice.
                    _failures++;
                    long delay = 1000L << (_failures > 6 ? 6 : _failures - 1);
                    _retryAt = now + (delay > MaxRetryMilliseconds ? MaxRetryMilliseconds : delay);
                    break;
                case DownloadStep.Failed:
                    GiveUpDownload(_download.Problem);
                    break;
                default:
                    _download.End();
                    Announce(OtaPhase.Verified, OtaStatus.Verified, now);
                    break;
            }
        }

        // Flash the download must leave: the configured margin plus what the reading buffer may still grow into.
        private long ReserveBytes()
        {
            long bufferRoom = (long)_options.BufferCapacityBytes * (100 - _buffer.FillPercent) / 100;
            return _settings.FlashReserveBytes + bufferRoom;
        }

        private int Percent()
        {
            long total = _download.TotalBytes;
            return total > 0 ? (int)(_download.StagedBytes * 100 / total) : 100;
        }

        private void Install(long now)
        {
            // The record first and the marker after it: the loader only acts on a marker whose slot has a record.
            FirmwareFile[] files = _manifest.Files;
            var names = new string[files.Length];
            var sizes = new long[files.Length];
            for (int i = 0; i < files.Length; i++)
            {
                names[i] = files[i].Name;
                sizes[i] = files[i].Size;
            }

            new AppSetRecord(_manifest.Version, names, sizes).Write(_storage, _slot);
            new InstallMarker(_slot, _job.RolloutId, _manifest.Version, _settings.ConfirmSeconds).Write(_storage, AppSetNames.Next);
            _storage.Delete(OfferFile);
            Announce(OtaPhase.Installing, OtaStatus.Installing, now);
        }

        private void Announce(OtaPhase phase, OtaStatus status, long now)
        {
            Phase = phase;
            _waitUntil = now + (_settings.ReportWaitSeconds * 1000L);
            SetStatus(_progress.RolloutId, status, 100, null, _progress.Version);
        }

        private bool ReportedOrWaited(long now)
        {
            return _state.OtaReported || now >= _waitUntil;
        }

        private void BeginConfirm(InstallMarker trial, long now)
        {
            if (trial.Slot == BootSelector.CurrentSlot(_storage))
            {
                // Confirmed just before a power cut; only the clean-up was left.
                Confirm(trial);
                return;
            }

            _trial = trial;
            _deadline = now + (trial.ConfirmSeconds * 1000L);
            Phase = OtaPhase.Confirming;
            if (!_hasProgress || _progress.RolloutId != trial.RolloutId)
            {
                SetStatus(trial.RolloutId, OtaStatus.Rebooting, -1, null, trial.Version);
            }
        }

        // Healthy = connected, and a state report carrying the OTA status acknowledged since boot (the first report after
        // boot is a full one, so it carries it).
        private void CheckHealth(long now)
        {
            if (_uplink.IsConnected && _state.OtaReported)
            {
                Confirm(_trial);
                return;
            }

            if (now < _deadline)
            {
                return;
            }

            string why = _uplink.IsConnected ? "no state report was acknowledged" : "no connection to the broker";
            new RollbackNotice(_trial.RolloutId, "version " + _trial.Version + " did not confirm its health within " + _trial.ConfirmSeconds.ToString() + " s: " + why).Write(_storage);
            Phase = OtaPhase.Rebooted;
            _system.Reboot();
        }

        private void Confirm(InstallMarker trial)
        {
            BootSelector.Confirm(_storage, trial);
            Phase = OtaPhase.Idle;
            SetStatus(trial.RolloutId, OtaStatus.Succeeded, -1, null, trial.Version);
        }

        private void ReportRollback(RollbackNotice notice)
        {
            // The status goes first and the notice last, so a power cut in between reports the rollback again, never not at all.
            string version = _hasProgress && _progress.RolloutId == notice.RolloutId ? _progress.Version : null;
            SetStatus(notice.RolloutId, OtaStatus.Failed, -1, notice.Reason, version);
            _storage.Delete(OfferFile);
            StagedDownload.Clear(_storage, AppSetNames.Other(BootSelector.CurrentSlot(_storage)));
            _storage.Delete(AppSetNames.Failed);
        }

        private void GiveUpDownload(string reason)
        {
            _download.End();
            SetStatus(_job.RolloutId, OtaStatus.Failed, -1, reason, _manifest.Version);
            _storage.Delete(OfferFile);
            StagedDownload.Clear(_storage, _slot);
            Phase = OtaPhase.Idle;
            _job = null;
            _manifest = null;
        }

        private void SetStatus(long rolloutId, OtaStatus status, int percent, string reason, string version)
        {
            _progress.RolloutId = rolloutId;
            _progress.Status = status;
            _progress.Percent = percent;
            _progress.Reason = reason != null && reason.Length > MaxReasonLength ? reason.Substring(0, MaxReasonLength) : reason;
            _progress.Version = version;
            _hasProgress = true;
            _statusStore.Save(_progress);
            _state.ReportOta(_progress);
        }
    }
}
