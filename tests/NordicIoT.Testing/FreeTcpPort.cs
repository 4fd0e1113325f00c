using System.Net;
using System.Net.Sockets;

namespace NordicIoT.Testing;

/// <summary>Finds a TCP port on 127.0.0.1 that nothing listens on right now.</summary>
public static class FreeTcpPort
{
    /// <summary>A port the OS just handed out for an ephemeral listener (free until someone else takes it).</summary>
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
