using System;
using NordicIoT.Device.Ota.AppSets;
using NordicIoT.Device.Ota.Crypto;
using NordicIoT.Device.Platform;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Ota
{
    /// <summary>Downloads a release's files into a slot, one Range fragment per step, resuming from the bytes already staged.</summary>
    /// <remarks>
    /// <para>Progress is the staged files themselves: each fragment is appended to its file as it arrives, so a file's
    /// length is where the download resumes, after a lost connection or a reboot, and never from zero.</para>
    /// <para>Hashing: a lost connection keeps the SHA-256 running in RAM. After a reboot (or a storage error) the staged
    /// prefix is read back and hashed again, one fragment per step, before fetching continues. The other choice, saving
    /// the hash state beside the data, was not taken: <see cref="Sha256"/> keeps its state private, and a saved state
    /// could disagree with bytes a power cut left behind, while re-hashing checks exactly what is on flash. It costs one
    /// read of the staged bytes per reboot, not per fragment.</para>
    /// <para>RAM: one fragment buffer, one hasher and a 32-byte digest, all allocated here; a step allocates nothing
    /// except the URL string once per file.</para>
    /// </remarks>
    public sealed class StagedDownload
    {
        private readonly IFileStorage _storage;
        private readonly IHttpRangeClient _http;
        private readonly byte[] _fragment;
        private readonly Sha256 _sha256 = new Sha256();
        private readonly byte[] _digest = new byte[Sha256.HashSize];
        private FirmwareManifest _manifest;
        private string _baseUrl;
        private string _token;
        private string _slot;
        private int _file;
        private bool _fileOpen;
        private bool _spaceChecked;
        private string _name;
        private string _url;
        private long _staged;
        private long _hashed;
        private long _bytesBefore;

        /// <summary>Downloads through <paramref name="http"/> into <paramref name="storage"/>, <paramref name="fragmentBytes"/> per request.</summary>
        public StagedDownload(IFileStorage storage, IHttpRangeClient http, int fragmentBytes)
        {
            _storage = storage;
            _http = http;
            _fragment = new byte[fragmentBytes];
        }

        /// <summary>Why the last step failed, or why the connection was interrupted.</summary>
        public string Problem { get; private set; }

        /// <summary>Bytes of the release staged so far (after a reboot: as far as re-hashing has confirmed them).</summary>
        public long StagedBytes
        {
            get { return _bytesBefore + (_fileOpen ? _hashed : 0); }
        }

        /// <summary>Bytes of all the release's files.</summary>
        public long TotalBytes { get; private set; }

        /// <summary>Starts (or, after a reboot, resumes) downloading <paramref name="manifest"/>'s files from <paramref name="baseUrl"/> into <paramref name="slot"/>.</summary>
        public void Begin(FirmwareManifest manifest, string baseUrl, string token, string slot)
        {
            _manifest = manifest;
            _slot = slot;
            _file = 0;
            _bytesBefore = 0;
            _fileOpen = false;
            UseLocation(baseUrl, token);
            TotalBytes = 0;
            for (int i = 0; i < manifest.Files.Length; i++)
            {
                TotalBytes += manifest.Files[i].Size;
            }
        }

        /// <summary>Closes the connection kept for the next fragment (the download is verified, failed, withdrawn or replaced), so an idle device holds no socket.</summary>
        public void End()
        {
            _http.Close();
        }

        /// <summary>Takes a fresh download location and token (a re-sent offer of the same rollout); staged bytes are kept.</summary>
        public void UseLocation(string baseUrl, string token)
        {
            _baseUrl = baseUrl;
            _token = token;
            _url = null;
        }

        /// <summary>Does one piece of work: re-hashes one fragment of staged bytes, fetches one fragment, or checks a finished file.</summary>
        /// <param name="reserveBytes">Flash that must stay free after the current file is whole.</param>
        public DownloadStep Step(long reserveBytes)
        {
            if (_file == _manifest.Files.Length)
            {
                return DownloadStep.Complete;
            }

            FirmwareFile file = _manifest.Files[_file];
            if (!_fileOpen)
            {
                OpenFile(file);
            }

            try
            {
                if (_hashed < _staged)
                {
                    return Rehash();
                }

                if (_staged < file.Size)
                {
                    return Fetch(file, reserveBytes);
                }
            }
            catch (Exception)
            {
                // Storage failed mid-step: start this file over from what is really on flash at the next step.
                _fileOpen = false;
                throw;
            }

            _sha256.Final(_digest, 0);
            if (!ByteArrays.Equal(_digest, file.Sha256))
            {
                return Fail(file.Name + " failed its SHA-256 check");
            }

            _bytesBefore += file.Size;
            _file++;
            _fileOpen = false;
            return _file == _manifest.Files.Length ? DownloadStep.Complete : DownloadStep.Working;
        }

        /// <summary>Deletes a slot's record and then its files, so no record ever describes files being replaced.</summary>
        public static void Clear(IFileStorage storage, string slot)
        {
            storage.Delete(AppSetNames.Record(slot));
            string prefix = AppSetNames.FilePrefix(slot);
            string[] names = storage.List();
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i].StartsWith(prefix))
                {
                    storage.Delete(names[i]);
                }
            }
        }

        private void OpenFile(FirmwareFile file)
        {
            _name = AppSetNames.File(_slot, _file);
            _url = null;
            _staged = _storage.Exists(_name) ? _storage.Length(_name) : 0;
            if (_staged > file.Size)
            {
                // Longer than the release says: not this release's bytes. Start the file over.
                _storage.Delete(_name);
                _staged = 0;
            }

            _hashed = 0;
            _sha256.Reset();
            _spaceChecked = false;
            _fileOpen = true;
        }

        private DownloadStep Rehash()
        {
            int count = Fragment(_staged - _hashed);
            int read = _storage.Read(_name, (int)_hashed, _fragment, 0, count);
            if (read <= 0)
            {
                // The file is shorter than it said: carry on from what could be read.
                _staged = _hashed;
                return DownloadStep.Working;
            }

            _sha256.Update(_fragment, 0, read);
            _hashed += read;
            return DownloadStep.Working;
        }

        private DownloadStep Fetch(FirmwareFile file, long reserveBytes)
        {
            if (!_spaceChecked)
            {
                long needed = file.Size - _staged;
                long free = _storage.FreeBytes();
                if (free - needed < reserveBytes)
                {
                    return Fail("no room for " + file.Name + ": needs " + needed.ToString() + " bytes, " + free.ToString() + " free, " + reserveBytes.ToString() + " kept in reserve");
                }

                _spaceChecked = true;
            }

            if (_url == null)
            {
                _url = _baseUrl + file.Name;
            }

            int count = Fragment(file.Size - _staged);
            int received;
            long total;
            try
            {
                received = _http.Get(_url, _token, _staged, _fragment, 0, count, out total);
            }
            catch (DownloadTransportException e)
            {
                Problem = e.Message;
                return DownloadStep.Interrupted;
            }
            catch (DownloadRefusedException e)
            {
                return Fail("download of " + file.Name + " refused: " + e.Message);
            }

            if (total != file.Size)
            {
                return Fail(file.Name + " is " + total.ToString() + " bytes on the server, the manifest says " + file.Size.ToString());
            }

            if (received <= 0 || received > count)
            {
                Problem = "the server sent " + received.ToString() + " bytes for a range of " + count.ToString();
                return DownloadStep.Interrupted;
            }

            _storage.Append(_name, _fragment, 0, received);
            _sha256.Update(_fragment, 0, received);
            _staged += received;
            _hashed = _staged;
            return DownloadStep.Working;
        }

        // A fragment, or what is left when that is less.
        private int Fragment(long left)
        {
            return left < _fragment.Length ? (int)left : _fragment.Length;
        }

        private DownloadStep Fail(string problem)
        {
            Problem = problem;
            return DownloadStep.Failed;
        }
    }
}
