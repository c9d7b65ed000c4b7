using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CatalogHub.ShopifySimulator.GraphQl;

/// <summary>
/// A GraphQL input object read strictly, as Shopify coerces variables: a field its type does not define, a
/// value of the wrong type or a missing required value fails the whole request with a top-level error naming
/// the path (nothing is applied). Field lists are the real types' fields; the simulator ignores those it does
/// not model.
/// </summary>
public sealed class InputObject
{
    private readonly JsonObject _json;
    private readonly string _variable;
    private readonly string _path;
    private readonly string _rootType;

    private InputObject(JsonObject json, string variable, string path, string rootType)
    {
        _json = json;
        _variable = variable;
        _path = path;
        _rootType = rootType;
    }

    /// <summary>Reads argument <paramref name="argument"/> as an input object of <paramref name="type"/>; null when absent and not required.</summary>
    public static InputObject? Of(IReadOnlyDictionary<string, JsonNode?> arguments, string argument, InputType type, bool required)
    {
        var node = arguments.GetValueOrDefault(argument);
        if (node is null)
        {
            return required ? throw Invalid(argument, type.Name + "!", "", "Expected value to not be null") : null;
        }

        return node is JsonObject json
            ? new InputObject(json, argument, "", type.Name + "!").Checked(type)
            : throw Invalid(argument, type.Name, "", "Expected an input object");
    }

    /// <summary>Reads a list argument of input objects (e.g. <c>variants: [ProductVariantsBulkInput!]!</c>).</summary>
    public static IReadOnlyList<InputObject> ListOf(IReadOnlyDictionary<string, JsonNode?> arguments, string argument, InputType type)
    {
        var holder = new JsonObject { [argument] = arguments.GetValueOrDefault(argument)?.DeepClone() };
        var wrapper = new InputObject(holder, argument, "", $"[{type.Name}!]!");
        return wrapper.List(argument, type) ?? throw Invalid(argument, $"[{type.Name}!]!", "", "Expected value to not be null");
    }

    /// <summary>A scalar argument (not an input object), e.g. <c>productId: ID!</c>.</summary>
    public static string? Scalar(IReadOnlyDictionary<string, JsonNode?> arguments, string argument, string type, bool required)
    {
        var node = arguments.GetValueOrDefault(argument);
        if (node is null)
        {
            return required ? throw Invalid(argument, type + "!", "", "Expected value to not be null") : null;
        }

        return node is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number
            ? value.ToJsonString().Trim('"')
            : throw Invalid(argument, type, "", $"Expected a {type}");
    }

    /// <summary>Whether the field was sent at all (explicit null included).</summary>
    public bool Has(string field) => _json.ContainsKey(field);

    public string? String(string field, bool required = false) => Scalar(field, required, "String", v =>
        v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null);

    public bool? Bool(string field, bool required = false) => Scalar(field, required, "Boolean", v =>
        v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : (bool?)null);

    public long? Int(string field, bool required = false) => Scalar(field, required, "Int", v =>
        v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) && n is >= int.MinValue and <= int.MaxValue ? n : (long?)null);

    /// <summary>Money: a decimal as a string (<c>"19.99"</c>) or a number.</summary>
    public decimal? Money(string field, bool required = false) => Scalar(field, required, "Money", v => v.GetValueKind() switch
    {
        JsonValueKind.String => decimal.TryParse(v.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null,
        JsonValueKind.Number => v.TryGetValue<decimal>(out var n) ? n : null,
        _ => (decimal?)null,
    });

    /// <summary>An enum value (a string, one of <paramref name="values"/>).</summary>
    public string? Enum(string field, string type, IReadOnlyCollection<string> values, bool required = false) => Scalar(field, required, type, v =>
        v.GetValueKind() == JsonValueKind.String && values.Contains(v.GetValue<string>()) ? v.GetValue<string>() : null);

    public IReadOnlyList<string>? Strings(string field)
    {
        var node = _json[field];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue single && single.GetValueKind() == JsonValueKind.String)
        {
            return [single.GetValue<string>()]; // GraphQL input coercion: a single value is a list of one
        }

        return node is JsonArray array && array.All(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            ? [.. array.Select(n => n!.GetValue<string>())]
            : throw Invalid(Path(field), "Expected a list of String");
    }

    public InputObject? Object(string field, InputType type)
    {
        var node = _json[field];
        return node switch
        {
            null => null,
            JsonObject json => new InputObject(json, _variable, Path(field), _rootType).Checked(type),
            _ => throw Invalid(Path(field), $"Expected a {type.Name}"),
        };
    }

    /// <summary>A list of input objects; null when absent.</summary>
    public IReadOnlyList<InputObject>? List(string field, InputType type)
    {
        var node = _json[field];
        if (node is null)
        {
            return null;
        }

        var items = node is JsonArray array ? array : new JsonArray(node.DeepClone());
        return [.. items.Select((item, i) => item is JsonObject json
            ? new InputObject(json, _variable, Path($"{field}.{i}"), _rootType).Checked(type)
            : throw Invalid(Path($"{field}.{i}"), $"Expected a {type.Name}"))];
    }

    private T? Scalar<T>(string field, bool required, string type, Func<JsonValue, T?> read)
    {
        var node = _json[field];
        if (node is null)
        {
            return required ? throw Invalid(Path(field), "Expected value to not be null") : default;
        }

        return node is JsonValue value && read(value) is { } result ? result : throw Invalid(Path(field), $"Could not coerce value {node.ToJsonString()} to {type}");
    }

    private InputObject Checked(InputType type)
    {
        foreach (var name in _json.Select(p => p.Key))
        {
            if (!type.Fields.Contains(name))
            {
                throw Invalid(Path(name), $"Field is not defined on {type.Name}");
            }
        }

        return this;
    }

    private string Path(string field) => _path.Length == 0 ? field : $"{_path}.{field}";

    private GraphQlRequestException Invalid(string path, string problem) => Invalid(_variable, _rootType, path, problem);

    private static GraphQlRequestException Invalid(string variable, string type, string path, string problem) =>
        new(path.Length == 0
            ? $"Variable ${variable} of type {type} was provided invalid value ({problem})"
            : $"Variable ${variable} of type {type} was provided invalid value for {path} ({problem})", "INVALID_VARIABLE");
}

/// <summary>An input object type: its name and the fields it defines.</summary>
public sealed record InputType(string Name, IReadOnlySet<string> Fields)
{
    public InputType(string name, params string[] fields)
        : this(name, fields.ToHashSet(StringComparer.Ordinal))
    {
    }
}
