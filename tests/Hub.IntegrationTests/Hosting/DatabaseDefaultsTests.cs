using CatalogHub.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CatalogHub.IntegrationTests.Hosting;

/// <summary>The hub's connection defaults: what its own connections run with, and that an operator's setting wins.</summary>
public class DatabaseDefaultsTests(TestHub hub) : IClassFixture<TestHub>
{
    private static async Task<string> ShowAsync(NpgsqlDataSource db, string setting)
    {
        await using var cmd = db.CreateCommand($"SHOW {setting}");
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task TheHubsConnectionsRunWithoutJitCompilation()
    {
        Assert.Equal("off", await ShowAsync(hub.Services.GetRequiredService<NpgsqlDataSource>(), "jit"));
    }

    [Fact]
    public async Task AnOperatorsOwnJitSettingAndOtherOptionsAreKept()
    {
        var own = new NpgsqlConnectionStringBuilder(hub.ConnectionString) { Options = "-c jit=on -c work_mem=8MB" }.ConnectionString;
        var other = new NpgsqlConnectionStringBuilder(hub.ConnectionString) { Options = "-c work_mem=8MB" }.ConnectionString;

        await using var withOwn = NpgsqlDataSource.Create(DatabaseHosting.WithDefaults(own));
        await using var withOther = NpgsqlDataSource.Create(DatabaseHosting.WithDefaults(other));

        Assert.Equal(("on", "8MB"), (await ShowAsync(withOwn, "jit"), await ShowAsync(withOwn, "work_mem")));
        Assert.Equal(("off", "8MB"), (await ShowAsync(withOther, "jit"), await ShowAsync(withOther, "work_mem")));
    }
}
