using System.Net;
using System.Net.Sockets;

namespace CatalogHub.Grains.Outbox.Outbound;

/// <summary>
/// Which addresses the hub may deliver to. Webhook, callback and Shopify URLs come from API callers (any key that may
/// start a job names a <c>callback_url</c>), so without a rule a caller could aim the hub at the hub's own network:
/// its PostgreSQL, a cloud metadata service, an internal admin page (server-side request forgery). Unless
/// <c>Hub:Outbox:AllowPrivateNetworks</c> is on, only public unicast addresses are dialled.
/// </summary>
public static class OutboundAddresses
{
    private static readonly (IPAddress Network, int Bits)[] Blocked =
    [
        (IPAddress.Parse("0.0.0.0"), 8),        // "this network"
        (IPAddress.Parse("10.0.0.0"), 8),       // private
        (IPAddress.Parse("100.64.0.0"), 10),    // carrier-grade NAT
        (IPAddress.Parse("127.0.0.0"), 8),      // loopback
        (IPAddress.Parse("169.254.0.0"), 16),   // link-local, cloud metadata services
        (IPAddress.Parse("172.16.0.0"), 12),    // private
        (IPAddress.Parse("192.0.0.0"), 24),     // protocol assignments
        (IPAddress.Parse("192.168.0.0"), 16),   // private
        (IPAddress.Parse("198.18.0.0"), 15),    // benchmarking
        (IPAddress.Parse("224.0.0.0"), 3),      // multicast and reserved, up to 255.255.255.255
        (IPAddress.Parse("::"), 128),           // unspecified
        (IPAddress.Parse("::1"), 128),          // loopback
        (IPAddress.Parse("64:ff9b:1::"), 48),   // local-use NAT64
        (IPAddress.Parse("fc00::"), 7),         // unique local
        (IPAddress.Parse("fe80::"), 10),        // link-local
        (IPAddress.Parse("ff00::"), 8),         // multicast
    ];

    /// <summary>True when <paramref name="address"/> is a public unicast address (IPv4-mapped IPv6 judged as IPv4).</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return Blocked.Where(b => b.Network.AddressFamily == address.AddressFamily).All(b => !InNetwork(address, b.Network, b.Bits));
    }

    /// <summary>The addresses of <paramref name="candidates"/> the hub may dial.</summary>
    public static IPAddress[] Allowed(IEnumerable<IPAddress> candidates, bool allowPrivate) =>
        [.. candidates.Where(a => allowPrivate || IsPublic(a))];

    private static bool InNetwork(IPAddress address, IPAddress network, int bits)
    {
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        for (var i = 0; i < a.Length && bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (byte)(0xFF << (8 - bits));
            if ((a[i] & mask) != (n[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A delivery was not sent because its host resolves only to addresses the hub may not dial.</summary>
public sealed class OutboundAddressRefusedException(string host, IReadOnlyList<IPAddress> addresses)
    : SocketException((int)SocketError.AccessDenied)
{
    public override string Message =>
        $"{host} resolves only to private, loopback or reserved addresses ({string.Join(", ", addresses)}); "
        + "the hub does not deliver there unless Hub:Outbox:AllowPrivateNetworks is on";
}
