using System.Net;
using System.Net.Sockets;

namespace NordicIoT.Device.Host.Simulation;

/// <summary>A loopback TCP port nobody listens on, for connects that must be refused the way a stopped broker refuses them.</summary>
public static class DeadPort
{
    /// <summary>A port the OS just handed out and took back; nothing listens on it unless another process grabs it.</summary>
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
