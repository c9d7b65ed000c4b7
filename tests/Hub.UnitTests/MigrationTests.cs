using CatalogHub.Silo.Database;

namespace CatalogHub.UnitTests;

public class MigrationTests
{
    [Fact]
    public void EmbeddedMigrationsAreOrderedFromOneWithoutGaps()
    {
        var migrations = Migration.Embedded();
        Assert.NotEmpty(migrations);
        Assert.Equal(Enumerable.Range(1, migrations.Count), migrations.Select(m => m.Version));
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
