using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace CatalogHub.Grains.Outbox.Outbound;

/// <summary>
/// Opens the connections of the delivery HTTP clients: the host is resolved here, every address is judged by
/// <see cref="OutboundAddresses"/>, and only an allowed one is dialled — so a name that resolves to a public address
/// when checked and to a private one when dialled (DNS rebinding) cannot get through either.
/// </summary>
public sealed class OutboundConnector(IOptionsMonitor<OutboxOptions> options)
{
    /// <summary>A handler for a delivery client: connections through <see cref="ConnectAsync"/>.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        ConnectCallback = ConnectAsync,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5), // DNS changes are seen (and judged) again
    };

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var resolved = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = OutboundAddresses.Allowed(resolved, options.CurrentValue.AllowPrivateNetworks);
        if (allowed.Length == 0)
        {
            throw new OutboundAddressRefusedException(host, resolved);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The refusal behind <paramref name="e"/>, if the connector refused the address.</summary>
    public static OutboundAddressRefusedException? Refusal(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is OutboundAddressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
