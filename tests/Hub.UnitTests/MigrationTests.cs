using CatalogHub.Silo.Database;

namespace CatalogHub.UnitTests;

public class MigrationTests
{
    [Fact]
    public void EmbeddedMigrationsAreOrderedFromOneWithoutGapsButTheReservedOnes()
    {
        // 0010 and 0011 are reserved for work landing on main beside feed imports (0012); drop this once both are in.
        int[] reserved = [10, 11];
        var migrations = Migration.Embedded();
        Assert.NotEmpty(migrations);
        var expected = Enumerable.Range(1, migrations[^1].Version).Where(v => !reserved.Contains(v) || migrations.Any(m => m.Version == v));
        Assert.Equal(expected, migrations.Select(m => m.Version));
        Assert.All(migrations, m => Assert.False(string.IsNullOrWhiteSpace(m.Sql)));
    }

    [Fact]
    public void ChecksumIgnoresLineEndingsButNotContent()
    {
        var unix = new Migration(1, "a", "SELECT 1;\nSELECT 2;");
        var windows = new Migration(1, "a", "SELECT 1;\r\nSELECT 2;");
        var other = new Migration(1, "a", "SELECT 1;\nSELECT 3;");
        Assert.Equal(unix.Checksum, windows.Checksum);
        Assert.NotEqual(unix.Checksum, other.Checksum);
    }
}
