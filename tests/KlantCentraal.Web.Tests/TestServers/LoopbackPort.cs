using System.Net;
using System.Net.Sockets;

namespace KlantCentraal.Web.Tests.TestServers;

/// <summary>Loopback ports for the real servers the tests start (the app, Dovecot, Redis).</summary>
public static class LoopbackPort
{
    /// <summary>A port nothing listens on right now.</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Waits (at most 20 s) until a server started by the test answers on <paramref name="port"/>.</summary>
    public static async Task WaitUntilListeningAsync(int port, Func<bool>? gaveUp = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && gaveUp?.Invoke() != true)
            {
                await Task.Delay(10); // polling an external process until its port answers, bounded by the deadline
            }
        }
    }
}
