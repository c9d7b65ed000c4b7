using System.Text.RegularExpressions;
using System.Xml;
using CatalogHub.Api.Problems;
using CatalogHub.Grains.Imports;
using Microsoft.Net.Http.Headers;

namespace CatalogHub.Api.Imports;

/// <summary>What a feed import request asks for, read from its path, query and headers.</summary>
public sealed record ImportRequest(string Catalog, ImportType Type, TimeSpan BlockingTimeout, bool Force, string? Name, bool ValidationOnly, string Format, bool Gzip);

/// <summary>
/// Reads an import request's parameters (seed 003: <c>type</c>, <c>blockingTimeout</c>, <c>force</c>, <c>name</c>,
/// <c>validationOnly</c>) and content headers, naming every wrong one. Pure, unit-tested.
/// </summary>
public static partial class ImportRequestRules
{
    public static readonly TimeSpan DefaultBlockingTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxBlockingTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The request, or the field errors (422) / the unsupported media message (415).</summary>
    public static (ImportRequest? Request, List<FieldError> Errors, string? Unsupported) Parse(
        string catalog, string? type, string? blockingTimeout, string? force, string? name, string? validationOnly, string? contentType, string? contentEncoding)
    {
        var errors = new List<FieldError>();
        if (!IsCatalog(catalog))
        {
            errors.Add(new FieldError("catalog", "must be store:{store_number} or supplier:{uuid}"));
        }

        if (!ImportTypes.TryParse(type, out var importType))
        {
            errors.Add(new FieldError("type", "must be full, partial or attributes"));
        }

        var timeout = DefaultBlockingTimeout;
        if (blockingTimeout is not null && !TryDuration(blockingTimeout, out timeout))
        {
            errors.Add(new FieldError("blockingTimeout", "must be an ISO 8601 duration from PT0S to PT5M (e.g. PT1M)"));
        }

        var isForced = Flag(force, "force", errors);
        var isValidationOnly = Flag(validationOnly, "validationOnly", errors);
        if (name is not null && (name.Length > 200 || name.Any(char.IsControl)))
        {
            errors.Add(new FieldError("name", "must be at most 200 characters without control characters"));
        }

        var (format, gzip, unsupported) = Content(contentType, contentEncoding);
        return errors.Count > 0 || unsupported is not null
            ? (null, errors, unsupported)
            : (new ImportRequest(catalog, importType, timeout, isForced, string.IsNullOrEmpty(name) ? null : name, isValidationOnly, format!, gzip), errors, null);
    }

    public static bool IsCatalog(string catalog) =>
        StoreCatalog().IsMatch(catalog)
        || (catalog.StartsWith("supplier:", StringComparison.Ordinal) && Guid.TryParseExact(catalog["supplier:".Length..], "D", out _));

    /// <summary>The store of a store catalog, else null.</summary>
    public static string? StoreOf(string catalog) => catalog.StartsWith("store:", StringComparison.Ordinal) ? catalog["store:".Length..] : null;

    private static bool TryDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (!text.StartsWith('P') || text.Contains('Y') || text.Contains('-'))
        {
            return false;
        }

        try
        {
            duration = XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            return false;
        }

        return duration >= TimeSpan.Zero && duration <= MaxBlockingTimeout;
    }

    private static bool Flag(string? value, string field, List<FieldError> errors)
    {
        if (value is null || value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        errors.Add(new FieldError(field, "must be true or false"));
        return false;
    }

    private static (string? Format, bool Gzip, string? Unsupported) Content(string? contentType, string? contentEncoding)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, false, "Content-Type must be application/json or application/x-ndjson (UTF-8)");
        }

        var format = media.MediaType.Value?.ToLowerInvariant() switch
        {
            "application/json" => "json",
            "application/x-ndjson" or "application/ndjson" => "ndjson",
            _ => null,
        };
        if (format is null)
        {
            return (null, false, "Content-Type must be application/json or application/x-ndjson (UTF-8)");
        }

        return contentEncoding?.Trim().ToLowerInvariant() switch
        {
            null or "" or "identity" => (format, false, null),
            "gzip" => (format, true, null),
            _ => (null, false, "Content-Encoding must be gzip or none"),
        };
    }

    [GeneratedRegex("^store:[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$", RegexOptions.CultureInvariant)]
    private static partial Regex StoreCatalog();
}
