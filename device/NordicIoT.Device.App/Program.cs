using System;
using System.Diagnostics;
using System.Threading;
using nanoFramework.Runtime.Native;
using NordicIoT.Device.App.Board;
using NordicIoT.Device.App.Boards;
using NordicIoT.Device.Ota.AppSets;
using NordicIoT.Device.Ota.Http;
using NordicIoT.Device.Platform;

namespace NordicIoT.Device.App
{
    /// <summary>The board app: reads who it is from I:\, wires the device library to the board's drivers and runs it forever.</summary>
    public static class Program
    {
        /// <summary>Version of this app when it runs without the OTA loader (deployed as the image); under the loader the version is the one in the started set's record.</summary>
        public const string FirmwareVersion = "0.1.0";

        private const string Drive = "I:\\";

        // Connecting (TLS handshake included) and each read or write of a download: one that takes longer is retried later by the agent.
        private const int DownloadTimeoutMilliseconds = 30000;

        // Longest a Wi-Fi join (address and SNTP time) may hold up the loop before the uplink backs off and retries.
        private const int WifiTimeoutMilliseconds = 30000;

        // A start that failed (missing provisioning files, no Wi-Fi network stored, broken flash) is retried from a
        // clean boot after this pause, so fixing the files with nanoff is enough to bring the device up.
        private const int RebootAfterFailedStartMilliseconds = 60000;

        /// <summary>Starts the device and parks the main thread; the work runs on the device loop's thread.</summary>
        public static void Main()
        {
            try
            {
                Start();
            }
            catch (Exception e)
            {
                Debug.WriteLine("NordicIoT could not start: " + e.Message);
                Thread.Sleep(RebootAfterFailedStartMilliseconds);
                Power.RebootDevice();
            }

            Thread.Sleep(Timeout.Infinite);
        }

        private static void Start()
        {
            // Everything that can be wrong in provisioning is read and checked before any hardware is touched.
            DeviceSettings settings = DeviceSettings.Load();
            BoardProfile board = BoardCatalog.Find(settings.BoardId);
            if (board.Network != NetworkKind.WiFi)
            {
                throw new NotSupportedException(board.Id + " uplinks over its cellular modem, which this app does not drive yet");
            }

            string caPem = ProvisionedFiles.ReadText(ProvisionedFiles.CaCertificate);
            string certificatePem = ProvisionedFiles.ReadText(ProvisionedFiles.DeviceCertificate);
            string keyPem = ProvisionedFiles.ReadText(ProvisionedFiles.DeviceKey);
            var wifi = new WifiLink(WifiTimeoutMilliseconds);
            var transport = new M2MqttTransport(settings.BrokerHost, settings.BrokerPort, caPem, certificatePem, keyPem, wifi);

            var storage = new FlashStorage(Drive);
            var downloads = new KeepAliveRangeClient(new NanoStreamConnector(DownloadTrust(caPem), DownloadTimeoutMilliseconds));

            var clock = new NanoClock();
            var options = new DeviceOptions
            {
                DeviceId = settings.DeviceId,
                FirmwareVersion = AppSetRecord.RunningVersion(storage, FirmwareVersion),
                Board = board.NanoffTarget,
                Network = board.Network,
                BufferCapacityBytes = board.ReadingBufferBytes,
                MaxReadingsPerBatch = board.MaxReadingsPerBatch,
            };
            var platform = new DevicePlatform
            {
                Clock = clock,
                Sensors = Sensors(board, clock),
                Storage = storage,
                Transport = transport,
                Downloads = downloads,
                SystemControl = new NanoSystemControl(),
                Random = new RandomSource(),
            };

            var runtime = new DeviceRuntime(options, platform);
            runtime.Start();
            var loop = new DeviceLoop(runtime);
            loop.Failed += OnStepFailed;
            loop.Start();
        }

        // The broker's CA covers the cloud's own HTTPS URL when both are served under the project CA; a presigned store
        // URL is served under a public CA, whose roots the user deploys as download-ca.crt. nanoFramework has no system
        // store, so both go to the TLS stack as one PEM bundle.
        private static string DownloadTrust(string caPem)
        {
            string extra = ProvisionedFiles.ReadOptionalText(ProvisionedFiles.DownloadCaCertificates);
            return extra.Length == 0 ? caPem : caPem + "\n" + extra;
        }

        private static ISensor[] Sensors(BoardProfile board, IClock clock)
        {
            Esp32Pins.RouteI2c(board);
            var bme280 = new Bme280Sensors(board.I2cBus, board.Bme280Address, clock);
            if (!board.HasBatteryAdc)
            {
                return new ISensor[] { bme280.Temperature, bme280.Humidity, bme280.Pressure };
            }

            var battery = new BatterySensor(board.BatteryAdcChannel, board.BatteryDividerRatio, board.AdcFullScaleMillivolts);
            return new ISensor[] { bme280.Temperature, bme280.Humidity, bme280.Pressure, battery };
        }

        private static void OnStepFailed(Exception exception)
        {
            // The loop carries on by itself after a pause; this is only for whoever watches the debug output.
            Debug.WriteLine("NordicIoT step failed: " + exception.Message);
        }
    }
}
