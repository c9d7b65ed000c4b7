using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace CatalogHub.Silo.Suppliers;

/// <summary>
/// The Data Protection key ring in the hub's database (<c>data_protection_keys</c>), so every silo encrypts
/// and decrypts supplier credentials with the same keys. The key manager calls this synchronously and rarely
/// (start-up, key rotation), hence the synchronous commands.
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var cmd = dataSource.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name");
        using var reader = cmd.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var cmd = dataSource.CreateCommand("""
            INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2)
            ON CONFLICT (friendly_name) DO UPDATE SET xml = excluded.xml
            """);
        cmd.Parameters.AddWithValue(friendlyName);
        cmd.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        cmd.ExecuteNonQuery();
    }
}
