using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CatalogHub.Silo.Database;

/// <summary>
/// Hands out free loopback ports for the servers the hub starts itself (the local PostgreSQL, test and benchmark silos).
/// <para>
/// A port taken by binding port 0 comes from the kernel's ephemeral range, the same range every outgoing connection
/// takes its local port from; between the moment it is released and the moment a silo binds it, a connection to
/// PostgreSQL can take it ("address already in use", seen in CI). Ports are therefore handed out from just below the
/// ephemeral range, which the kernel never gives to outgoing connections, walking forward from an offset spread by
/// process id so that two processes rarely probe the same port, and never the same port twice in one process.
/// </para>
/// </summary>
public static class LoopbackPorts
{
    private const int LowestPort = 10000;
    private const int DefaultEphemeralStart = 32768;
    private static readonly (int First, int Count) Range = ChooseRange(ReadEphemeralStart());
    private static int s_cursor = (Environment.ProcessId * 7919) % Math.Max(Range.Count, 1);

    /// <summary>The first port and the number of ports handed out (below the ephemeral range).</summary>
    public static (int First, int Count) Pool => Range;

    /// <summary>
    /// A port nothing listens on, outside the ephemeral range, not handed out before by this process; falls back to
    /// the kernel's choice when the machine leaves no room below its ephemeral range.
    /// </summary>
    public static int Next()
    {
        for (var tried = 0; tried < Range.Count; tried++)
        {
            var port = Range.First + (int)((uint)Interlocked.Increment(ref s_cursor) % (uint)Range.Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True when a listener can bind <paramref name="port"/> on loopback now.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The pool for a machine whose ephemeral range starts at <paramref name="ephemeralStart"/>.</summary>
    public static (int First, int Count) ChooseRange(int ephemeralStart) =>
        ephemeralStart - LowestPort >= 1000 ? (LowestPort, ephemeralStart - LowestPort) : (0, 0);

    private static int ReadEphemeralStart()
    {
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range");
            var first = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0];
            return int.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Not Linux, or hidden: the range Linux, Windows and macOS use by default starts at or above 32768 (49152 on the latter two).
            return DefaultEphemeralStart;
        }
    }
}
