using System.Net;
using System.Net.Sockets;
using CatalogHub.Silo.Database;

namespace CatalogHub.UnitTests;

public class LoopbackPortsTests
{
    [Fact]
    public void ThePoolLiesBelowTheEphemeralRange()
    {
        Assert.Equal((10000, 22768), LoopbackPorts.ChooseRange(32768));
        Assert.Equal((10000, 5000), LoopbackPorts.ChooseRange(15000));
        Assert.Equal((0, 0), LoopbackPorts.ChooseRange(10500));
        Assert.Equal((0, 0), LoopbackPorts.ChooseRange(1024));
    }

    [Fact]
    public void PortsHandedOutAreDistinctFreeAndOutsideTheEphemeralRange()
    {
        var (first, count) = LoopbackPorts.Pool;
        Assert.True(count > 0, "this machine leaves no room below its ephemeral range");
        var ports = Enumerable.Range(0, 50).Select(_ => LoopbackPorts.Next()).ToList();
        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, first, first + count - 1));
        Assert.All(ports, p => Assert.True(LoopbackPorts.IsFree(p)));
    }

    [Fact]
    public void APortInUseIsNotFreeAndAPreferredPortInUseIsNotReturned()
    {
        using var listener = new TcpListener(IPAddress.Loopback, LoopbackPorts.Next());
        listener.Start();
        var taken = ((IPEndPoint)listener.LocalEndpoint).Port;
        Assert.False(LoopbackPorts.IsFree(taken));
        Assert.NotEqual(taken, PostgresCluster.FreePort(taken));
    }
}
