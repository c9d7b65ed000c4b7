using CatalogHub.Grains.Adapters.PromoStandards;
using CatalogHub.Grains.Suppliers;
using CatalogHub.Grains.SyncJobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CatalogHub.Silo.Suppliers;

/// <summary>The pull side in the host: supplier and sync-job services, credential encryption, adapters, reminder limits.</summary>
public static class SupplierHosting
{
    /// <summary>The advisory lock silos take while the first Data Protection key is created ("hubkeys1").</summary>
    public const long KeyRingLockKey = 0x6875626B65797331;

    public static WebApplicationBuilder AddHubSuppliers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSupplierSync();
        services.AddPromoStandardsAdapter();
        services.AddAdapterAssemblies(builder.Configuration);
        services.AddSingleton<PostgresXmlRepository>();
        services.AddDataProtection().SetApplicationName("catalog-hub");
        // The key ring is encrypted before it is stored when Hub:Secrets:KeyRingKey is set (a mistake stops the silo at start).
        byte[]? keyRingKey;
        try
        {
            keyRingKey = builder.Configuration.GetSection(KeyRingKeyOptions.Section).Get<KeyRingKeyOptions>()?.Bytes();
        }
        catch (InvalidOperationException e)
        {
            throw new Hosting.HubConfigurationException([e.Message]);
        }

        services.AddOptions<KeyRingKeyOptions>().BindConfiguration(KeyRingKeyOptions.Section);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = sp.GetRequiredService<PostgresXmlRepository>();
            if (keyRingKey is not null)
            {
                o.XmlEncryptor = new KeyRingEncryptor(keyRingKey);
            }
        }));
        services.AddSingleton<ISupplierSecrets, DataProtectionSupplierSecrets>();
        // Orleans refuses reminder periods under this (default 1 minute); tests lower it to see schedules fire.
        if (builder.Configuration.GetValue<TimeSpan?>("Hub:Reminders:MinimumPeriod") is { } minimum)
        {
            services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = minimum);
        }

        return builder;
    }

    /// <summary>
    /// Before the silo starts: makes sure the key ring has a key, under an advisory lock, so silos starting
    /// together do not each create their own first key (a credential encrypted with one would not decrypt
    /// on a silo that had not loaded it yet).
    /// </summary>
    public static async Task PrepareSupplierSecretsAsync(this WebApplication app)
    {
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        await using var conn = await dataSource.OpenConnectionAsync();
        await using (var lockCmd = new NpgsqlCommand($"SELECT pg_advisory_lock({KeyRingLockKey})", conn) { CommandTimeout = 0 })
        {
            await lockCmd.ExecuteNonQueryAsync();
        }

        try
        {
            app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("CatalogHub.KeyRing.WarmUp").Protect("ready"u8.ToArray());
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({KeyRingLockKey})", conn);
            await unlock.ExecuteNonQueryAsync();
        }
    }
}
