using System.Net;
using System.Text.RegularExpressions;
using CatalogHub.Api.Auth;
using Npgsql;

namespace CatalogHub.Silo.Hosting;

/// <summary>Checks the configuration before anything starts; each mistake gets a sentence that says how to fix it.</summary>
public static partial class HubOptionsValidator
{
    /// <summary>The problems found; empty when the configuration can start a silo.</summary>
    public static IReadOnlyList<string> Validate(HubOptions options, string? connectionString)
    {
        var errors = new List<string>();
        CheckId(errors, "Hub:ClusterId", options.ClusterId);
        CheckId(errors, "Hub:ServiceId", options.ServiceId);
        CheckPort(errors, "Hub:SiloPort", options.SiloPort);
        CheckPort(errors, "Hub:GatewayPort", options.GatewayPort);
        if (options.SiloPort == options.GatewayPort)
        {
            errors.Add($"Hub:SiloPort and Hub:GatewayPort must differ (both are {options.SiloPort}).");
        }

        if (options.AdvertisedHost is { } host && !IPAddress.TryParse(host, out _) && Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            errors.Add($"Hub:AdvertisedHost '{host}' is neither an IP address nor a host name.");
        }

        if (options.BootstrapAdminKey is { Length: > 0 } key && ApiKeySecret.Problem(key) is { } keyProblem)
        {
            errors.Add($"Hub:BootstrapAdminKey is not usable: {keyProblem}. Generate one with `openssl rand -base64 32`.");
        }

        if (string.IsNullOrWhiteSpace(options.LocalDataDirectory))
        {
            errors.Add("Hub:LocalDataDirectory must not be empty.");
        }

        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            CheckConnectionString(errors, connectionString);
        }

        return errors;
    }

    private static void CheckId(List<string> errors, string name, string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 100 || !IdPattern().IsMatch(value))
        {
            errors.Add($"{name} must be 1 to 100 letters, digits, '.', '_' or '-' (got '{value}').");
        }
    }

    private static void CheckPort(List<string> errors, string name, int port)
    {
        if (port is < 1 or > 65535)
        {
            errors.Add($"{name} must be a TCP port between 1 and 65535 (got {port}).");
        }
    }

    private static void CheckConnectionString(List<string> errors, string connectionString)
    {
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            errors.Add($"ConnectionStrings:Hub is not a valid PostgreSQL connection string ({e.Message}). " +
                "Expected e.g. \"Host=localhost;Port=5432;Database=hub;Username=hub;Password=...\".");
            return;
        }

        if (string.IsNullOrWhiteSpace(parsed.Host))
        {
            errors.Add("ConnectionStrings:Hub has no Host.");
        }

        if (string.IsNullOrWhiteSpace(parsed.Database))
        {
            errors.Add("ConnectionStrings:Hub has no Database.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex IdPattern();
}

/// <summary>The configuration cannot start a silo; <see cref="Exception.Message"/> lists every problem.</summary>
public sealed class HubConfigurationException(IReadOnlyList<string> problems)
    : Exception("The configuration is not valid:" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
