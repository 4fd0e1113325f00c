using NordicIoT.Device.Ota.Crypto;
using NordicIoT.Device.Platform;
using NordicIoT.Schemas.Cbor;
using NordicIoT.Schemas.Messages;

namespace NordicIoT.Device.Ota
{
    /// <summary>Decides whether an offer may be downloaded: signed by the trusted release key, built for this board, newer than what runs, with usable file names.</summary>
    /// <remarks>
    /// The signature is checked first, over the manifest bytes exactly as received, and only then is the manifest decoded:
    /// nothing an attacker wrote is parsed before it is known to come from the release key. The verifier (about 3 KB and a
    /// precomputed table) is created at the first offer, so devices that never get one do not pay for it.
    /// </remarks>
    public sealed class OfferCheck
    {
        private readonly IFileStorage _storage;
        private readonly string _keyFile;
        private readonly string _board;
        private readonly string _runningVersion;
        private EcdsaP256Verifier _verifier;

        /// <summary>Checks offers for a device running <paramref name="runningVersion"/> on <paramref name="board"/>, trusting the key in <paramref name="keyFile"/>.</summary>
        public OfferCheck(IFileStorage storage, string keyFile, string board, string runningVersion)
        {
            _storage = storage;
            _keyFile = keyFile;
            _board = board;
            _runningVersion = runningVersion;
        }

        /// <summary>Null when <paramref name="offer"/> may be taken (its decoded manifest in <paramref name="manifest"/>), otherwise why not.</summary>
        public string Check(FirmwareOffer offer, out FirmwareManifest manifest)
        {
            manifest = null;
            string problem;
            byte[] key = TrustedKey.Load(_storage, _keyFile, out problem);
            if (key == null)
            {
                return problem;
            }

            if (_verifier == null)
            {
                _verifier = new EcdsaP256Verifier();
            }

            if (!_verifier.Verify(key, offer.Manifest, 0, offer.Manifest.Length, offer.Signature))
            {
                return "the manifest's signature is not valid (" + SignatureProblem(_verifier.LastRejection) + ")";
            }

            try
            {
                manifest = FirmwareManifestCodec.Decode(new CborReader(offer.Manifest, 0, offer.Manifest.Length));
            }
            catch (WireFormatException e)
            {
                return "the manifest is unreadable: " + e.Message;
            }

            return CheckManifest(manifest);
        }

        private string CheckManifest(FirmwareManifest manifest)
        {
            if (!Targets(manifest, _board))
            {
                return "release " + manifest.Version + " is not built for board " + _board;
            }

            if (!SemanticVersion.IsValid(manifest.Version))
            {
                return "release version \"" + manifest.Version + "\" is not a semantic version";
            }

            if (!manifest.AllowDowngrade)
            {
                if (!SemanticVersion.IsValid(_runningVersion))
                {
                    return "the running version \"" + _runningVersion + "\" is not a semantic version, so no upgrade can be told from a downgrade";
                }

                if (SemanticVersion.Compare(manifest.Version, _runningVersion) <= 0)
                {
                    return "release " + manifest.Version + " is not newer than the running " + _runningVersion;
                }
            }

            for (int i = 0; i < manifest.Files.Length; i++)
            {
                // The name ends the download URL and is kept in the set record: the storage's name rule keeps both clean.
                if (!FileNames.IsValid(manifest.Files[i].Name))
                {
                    return "file name \"" + manifest.Files[i].Name + "\" is not 1-64 characters of A-Z a-z 0-9 . _ -";
                }
            }

            return null;
        }

        private static bool Targets(FirmwareManifest manifest, string board)
        {
            for (int i = 0; i < manifest.Targets.Length; i++)
            {
                if (manifest.Targets[i] == board)
                {
                    return true;
                }
            }

            return false;
        }

        private static string SignatureProblem(SignatureRejection rejection)
        {
            switch (rejection)
            {
                case SignatureRejection.PublicKeyFormat: return "the trusted key is not an uncompressed point";
                case SignatureRejection.PublicKeyNotOnCurve: return "the trusted key is not on P-256";
                case SignatureRejection.ROutOfRange: return "r is out of range";
                case SignatureRejection.SOutOfRange: return "s is out of range";
                case SignatureRejection.SignatureLength: return "it is not 64 bytes";
                default: return "it does not match the release key";
            }
        }
    }
}
