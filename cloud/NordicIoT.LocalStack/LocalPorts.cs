using System.Net;
using System.Net.Sockets;

namespace NordicIoT.LocalStack;

/// <summary>Checks ports before anything starts, so a taken port gets a message naming it instead of a failure deep inside Kestrel or Mosquitto.</summary>
public static class LocalPorts
{
    /// <summary>Throws <see cref="PortInUseException"/> when nothing can listen on <paramref name="address"/>:<paramref name="port"/>.</summary>
    /// <param name="address">The IPv4 address to listen on.</param>
    /// <param name="port">The port.</param>
    /// <param name="what">What the port is for, and the option that changes it, e.g. "the API (--port)".</param>
    public static void EnsureFree(string address, int port, string what)
    {
        var listener = new TcpListener(IPAddress.Parse(address), port);
        try
        {
            listener.Start();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            throw new PortInUseException($"{address} is not an address of this machine, so nothing can listen on it for {what}: choose one that `ip address` lists.");
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new PortInUseException(
                $"Port {port} on {address}, wanted for {what}, is {(e.SocketErrorCode == SocketError.AccessDenied ? "not allowed for this user" : "in use")}: " +
                "stop the program that holds it (an earlier `nordiciot up`?) or choose another port.");
        }
        finally
        {
            listener.Stop();
        }
    }
}
