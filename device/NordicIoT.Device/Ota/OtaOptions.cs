using System;

namespace NordicIoT.Device.Ota
{
    /// <summary>How the OTA agent downloads, what it keeps free, and how long a new application has to prove itself.</summary>
    public sealed class OtaOptions
    {
        /// <summary>Default bytes per ranged GET: small enough for a constrained TLS stack.</summary>
        public const int DefaultFragmentBytes = 2048;

        /// <summary>Smallest fragment accepted.</summary>
        public const int MinFragmentBytes = 256;

        /// <summary>Largest fragment accepted (the buffer is allocated once, up front).</summary>
        public const int MaxFragmentBytes = 16384;

        /// <summary>Name of the trusted release key on storage, as `nordiciot provision` deploys it.</summary>
        public const string DefaultTrustedKeyFile = "release.pub";

        /// <summary>Bytes per ranged GET; one per RunOnce step.</summary>
        public int FragmentBytes { get; set; } = DefaultFragmentBytes;

        /// <summary>Flash a download leaves free on top of the room the reading buffer may still grow into, bytes.</summary>
        public int FlashReserveBytes { get; set; } = 16 * 1024;

        /// <summary>Seconds after boot by which a new application must be connected and have a state report acknowledged.</summary>
        public int ConfirmSeconds { get; set; } = 300;

        /// <summary>Download progress is reported when it moved by this many percent...</summary>
        public int ProgressStepPercent { get; set; } = 10;

        /// <summary>...or when this many seconds passed since the last report with some progress since.</summary>
        public int ProgressIntervalSeconds { get; set; } = 30;

        /// <summary>Longest wait, seconds, for the INSTALLING and REBOOTING reports to be acknowledged before rebooting anyway.</summary>
        public int ReportWaitSeconds { get; set; } = 30;

        /// <summary>Storage file holding the release signing public key (raw 65-byte point, DER or PEM SubjectPublicKeyInfo).</summary>
        public string TrustedKeyFile { get; set; } = DefaultTrustedKeyFile;

        /// <summary>Throws an ArgumentException naming the first setting out of range.</summary>
        public void Validate()
        {
            Check(FragmentBytes, MinFragmentBytes, MaxFragmentBytes, "Ota.FragmentBytes");
            Check(FlashReserveBytes, 0, int.MaxValue, "Ota.FlashReserveBytes");
            Check(ConfirmSeconds, 30, 86400, "Ota.ConfirmSeconds");
            Check(ProgressStepPercent, 1, 100, "Ota.ProgressStepPercent");
            Check(ProgressIntervalSeconds, 1, 86400, "Ota.ProgressIntervalSeconds");
            Check(ReportWaitSeconds, 0, 3600, "Ota.ReportWaitSeconds");
            Platform.FileNames.Check(TrustedKeyFile);
        }

        private static void Check(int value, int min, int max, string name)
        {
            if (value < min || value > max)
            {
                throw new ArgumentException(name + " must be " + min.ToString() + ".." + max.ToString() + ", not " + value.ToString());
            }
        }
    }
}
