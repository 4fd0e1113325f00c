using System;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;

namespace NordicIoT.Device.App.Board
{
    /// <summary>The Wi-Fi station: joins the network stored on the device with DHCP and waits until SNTP has set the clock.</summary>
    /// <remarks>
    /// The credentials are the ones `nanoff --networkdeployment` (or Visual Studio's Device Explorer) stores in the
    /// device's network configuration, so none are in the app or on I:\. Once joined, the radio reconnects by itself
    /// (WifiReconnectionKind.Automatic); <see cref="EnsureUp"/> only blocks when there is no address or no valid time.
    /// SNTP starts by itself on ESP32 once there is an address, and TLS needs the valid time it brings.
    /// </remarks>
    public sealed class WifiLink
    {
        private readonly string _ssid;
        private readonly string _password;
        private readonly int _timeoutMilliseconds;

        /// <summary>Reads the stored network; throws an InvalidOperationException saying how to store one when there is none.</summary>
        public WifiLink(int timeoutMilliseconds)
        {
            Wireless80211Configuration[] stored = Wireless80211Configuration.GetAllWireless80211Configurations();
            if (stored.Length == 0 || stored[0].Ssid == null || stored[0].Ssid.Length == 0)
            {
                throw new InvalidOperationException("no Wi-Fi network is stored on the device: deploy one with nanoff --networkdeployment (WirelessClient SSID and Password)");
            }

            _ssid = stored[0].Ssid;
            _password = stored[0].Password == null ? string.Empty : stored[0].Password;
            _timeoutMilliseconds = timeoutMilliseconds;
        }

        /// <summary>Why the last <see cref="EnsureUp"/> failed.</summary>
        public string Failure { get; private set; }

        /// <summary>True when the station has an IP address and the clock is valid.</summary>
        public bool IsUp
        {
            get { return HasAddress() && DateTime.UtcNow.Year >= NanoClock.FirstValidYear; }
        }

        /// <summary>Joins the network when needed and waits for an address and valid time, at most the timeout; false (see <see cref="Failure"/>) when they did not come.</summary>
        public bool EnsureUp()
        {
            if (IsUp)
            {
                return true;
            }

            using (var timeout = new CancellationTokenSource(_timeoutMilliseconds))
            {
                if (WifiNetworkHelper.ConnectDhcp(_ssid, _password, requiresDateTime: true, token: timeout.Token))
                {
                    Failure = null;
                    return true;
                }
            }

            Failure = "Wi-Fi \"" + _ssid + "\" not ready within " + (_timeoutMilliseconds / 1000).ToString() + " s: " + Describe(WifiNetworkHelper.Status);
            return false;
        }

        private static bool HasAddress()
        {
            foreach (NetworkInterface network in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (network.NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                {
                    string address = network.IPv4Address;
                    return address != null && address.Length > 0 && address != "0.0.0.0";
                }
            }

            return false;
        }

        // Enum names are not available at run time on nanoFramework (ToString gives the number).
        private static string Describe(NetworkHelperStatus status)
        {
            switch (status)
            {
                case NetworkHelperStatus.TokenExpiredWaitingIPAddress:
                    return "no IP address (network out of reach, wrong password or no DHCP)";
                case NetworkHelperStatus.TokenExpiredWaitingDateTime:
                    return "no time from SNTP (is UDP port 123 blocked?)";
                case NetworkHelperStatus.FailedNoNetworkInterface:
                    return "this firmware has no Wi-Fi interface";
                case NetworkHelperStatus.ExceptionOccurred:
                    Exception e = WifiNetworkHelper.HelperException;
                    return "error: " + (e == null ? "unknown" : e.Message);
                default:
                    return "status " + ((int)status).ToString();
            }
        }
    }
}
