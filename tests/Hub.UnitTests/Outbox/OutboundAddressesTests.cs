using System.Net;
using CatalogHub.Grains.Outbox.Outbound;

namespace CatalogHub.UnitTests.Outbox;

public class OutboundAddressesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.20")]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.1.2.3")]
    public void InternalAddressesAreNotPublic(string address) =>
        Assert.False(OutboundAddresses.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]   // just past 172.16/12
    [InlineData("172.15.255.255")]
    [InlineData("100.128.0.1")]  // just past 100.64/10
    [InlineData("23.227.38.65")] // a Shopify address
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void PublicAddressesArePublic(string address) =>
        Assert.True(OutboundAddresses.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void OnlyAllowedAddressesAreKeptUnlessPrivateNetworksAreAllowed()
    {
        IPAddress[] resolved = [IPAddress.Parse("10.0.0.5"), IPAddress.Parse("8.8.4.4"), IPAddress.IPv6Loopback];
        Assert.Equal([IPAddress.Parse("8.8.4.4")], OutboundAddresses.Allowed(resolved, allowPrivate: false));
        Assert.Equal(resolved, OutboundAddresses.Allowed(resolved, allowPrivate: true));
        Assert.Empty(OutboundAddresses.Allowed([IPAddress.Loopback], allowPrivate: false));
    }

    [Fact]
    public void TheRefusalNamesTheHostItsAddressesAndTheSetting()
    {
        var refused = new OutboundAddressRefusedException("intranet.example", [IPAddress.Parse("10.0.0.5")]);
        Assert.Contains("intranet.example", refused.Message);
        Assert.Contains("10.0.0.5", refused.Message);
        Assert.Contains("Hub:Outbox:AllowPrivateNetworks", refused.Message);
        Assert.Same(refused, OutboundConnector.Refusal(new HttpRequestException("connect failed", refused)));
        Assert.Null(OutboundConnector.Refusal(new HttpRequestException("connection refused")));
    }
}
