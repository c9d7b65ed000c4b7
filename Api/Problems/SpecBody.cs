using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CatalogHub.Api.Problems;

/// <summary>A request body read as JSON and parsed by a rule: the request, or the answer for a body that is not JSON (400) or breaks the rule (422).</summary>
public sealed record ParsedBody<T>(T? Request, JsonHttpResult<ErrorResponse>? Malformed, JsonHttpResult<ValidationErrorResponse>? Invalid)
    where T : class;

/// <summary>Reads a <c>/api/v1</c> request body in the seed's error shapes.</summary>
public static class SpecBody
{
    public static async Task<ParsedBody<T>> ReadAsync<T>(HttpRequest request, Func<JsonElement, (T? Request, List<FieldError> Errors)> parse, CancellationToken ct)
        where T : class
    {
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, default, ct);
        }
        catch (JsonException)
        {
            return new ParsedBody<T>(null, SpecErrors.MalformedJson(), null);
        }

        using (body)
        {
            var (parsed, errors) = parse(body.RootElement);
            return parsed is null ? new ParsedBody<T>(null, null, SpecErrors.Validation(errors)) : new ParsedBody<T>(parsed, null, null);
        }
    }
}
