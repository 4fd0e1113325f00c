using System;
using System.IO;

namespace NordicIoT.Device.App.Board
{
    /// <summary>The files `nordiciot provision` writes and nanoff --filedeployment copies to I:\, and how the app reads them.</summary>
    public static class ProvisionedFiles
    {
        /// <summary>Device id, broker and board: see <see cref="DeviceSettings"/>.</summary>
        public const string Settings = "I:\\device.json";

        /// <summary>The CA that signed the broker's certificate, PEM.</summary>
        public const string CaCertificate = "I:\\ca.crt";

        /// <summary>The device certificate (CN = device id), PEM.</summary>
        public const string DeviceCertificate = "I:\\device.crt";

        /// <summary>The device certificate's private key, PEM, unencrypted.</summary>
        public const string DeviceKey = "I:\\device.key";

        /// <summary>Optional CA certificates (PEM, one or more) trusted for firmware downloads besides <see cref="CaCertificate"/>: the roots of the store a presigned download URL points to (Amazon's for S3).</summary>
        public const string DownloadCaCertificates = "I:\\download-ca.crt";

        /// <summary>The whole file as text; throws an IOException that says how to deploy it when it is missing.</summary>
        public static string ReadText(string path)
        {
            if (!File.Exists(path))
            {
                throw new IOException(path + " is missing: run `nordiciot provision` and deploy the device's files with nanoff --filedeployment");
            }

            return File.ReadAllText(path);
        }

        /// <summary>The whole file as text, or empty when it is not there.</summary>
        public static string ReadOptionalText(string path)
        {
            return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        }
    }
}
