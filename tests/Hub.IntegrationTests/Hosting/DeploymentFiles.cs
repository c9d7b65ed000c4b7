using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CatalogHub.IntegrationTests.Hosting;

/// <summary>The container deployment files at the repository root, read for <see cref="ComposeFileTests"/>.</summary>
internal static class DeploymentFiles
{
    public static string Root { get; } = SiloProcess.RepositoryRoot();

    public static string ComposePath => Path.Combine(Root, "docker-compose.yml");

    public static string DockerfilePath => Path.Combine(Root, "Dockerfile");

    public static string DockerignorePath => Path.Combine(Root, ".dockerignore");

    /// <summary>The vendored Compose Specification schema (see compose-spec.README.md beside it).</summary>
    public static string ComposeSchemaPath => Path.Combine(Root, "tests", "Hub.IntegrationTests", "Hosting", "compose-spec.json");

    private static readonly Lazy<JsonSchema> ComposeSchemaLazy = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(ComposeSchemaPath)).GetAwaiter().GetResult());

    public static JsonSchema ComposeSchema => ComposeSchemaLazy.Value;

    /// <summary>Schema errors for a Compose document, flattened (oneOf branches included) into readable lines.</summary>
    public static IReadOnlyList<string> ComposeSchemaErrors(JToken document) =>
        [.. ComposeSchema.Validate(document).SelectMany(e => Describe(e, ""))];

    private static IEnumerable<string> Describe(ValidationError error, string indent)
    {
        yield return $"{indent}{error.Kind} at {error.Path}";
        if (error is ChildSchemaValidationError child)
        {
            var branch = 0;
            foreach (var errors in child.Errors.Values)
            {
                yield return $"{indent}  branch {branch++}:";
                foreach (var line in errors.SelectMany(e => Describe(e, indent + "    ")))
                {
                    yield return line;
                }
            }
        }
    }
}

/// <summary>
/// YAML to JSON the way Compose reads it: aliases and merge keys (<c>&lt;&lt;: *anchor</c>, explicit keys winning)
/// expanded, plain scalars typed by the YAML 1.2 core schema (quoted and block scalars stay strings), duplicate
/// keys rejected.
/// </summary>
internal static partial class YamlJson
{
    public static JToken Parse(string yaml)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(yaml);
        stream.Load(new Parser(reader));
        if (stream.Documents.Count != 1)
        {
            throw new InvalidDataException($"Expected one YAML document, found {stream.Documents.Count}.");
        }

        return Convert(stream.Documents[0].RootNode);
    }

    private static JToken Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping),
        YamlSequenceNode sequence => new JArray(sequence.Children.Select(Convert)),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new InvalidDataException($"Unsupported YAML node {node.NodeType} at {node.Start}."),
    };

    private static JObject ConvertMapping(YamlMappingNode mapping)
    {
        // Explicit keys first: they win over merged ones (YamlDotNet has already rejected duplicate keys).
        var result = new JObject();
        var merges = new List<YamlNode>();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } scalar)
            {
                throw new InvalidDataException($"Only scalar mapping keys are supported ({key.Start}).");
            }

            if (name == "<<" && scalar.Style == ScalarStyle.Plain)
            {
                merges.AddRange(value is YamlSequenceNode sequence ? sequence.Children : [value]);
                continue;
            }

            result.Add(name, Convert(value));
        }

        // Merge keys: of the merged mappings, the first that has a key gives it.
        foreach (var merged in merges)
        {
            if (Convert(merged) is not JObject source)
            {
                throw new InvalidDataException($"A merge key (<<) takes a mapping or a list of mappings ({merged.Start}).");
            }

            foreach (var property in source.Properties().Where(p => !result.ContainsKey(p.Name)))
            {
                result.Add(property.Name, property.Value.DeepClone());
            }
        }

        return result;
    }

    private static JValue ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
        if (scalar.Style != ScalarStyle.Plain || tag == "tag:yaml.org,2002:str")
        {
            return new JValue(text);
        }

        if (NullPattern().IsMatch(text))
        {
            return JValue.CreateNull();
        }

        if (BoolPattern().IsMatch(text))
        {
            return new JValue(text.StartsWith('t') || text.StartsWith('T'));
        }

        if (IntPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return new JValue(integer);
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return new JValue(hex);
        }

        if (OctalPattern().IsMatch(text))
        {
            return new JValue(System.Convert.ToInt64(text[2..], 8));
        }

        if (FloatPattern().IsMatch(text))
        {
            return new JValue(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        return new JValue(text);
    }

    [GeneratedRegex("^(~|null|Null|NULL|)$")]
    private static partial Regex NullPattern();

    [GeneratedRegex("^(true|True|TRUE|false|False|FALSE)$")]
    private static partial Regex BoolPattern();

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex OctalPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}

/// <summary>A Dockerfile as instructions: comments dropped, <c>\</c> continuations joined, grouped by stage.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line, int Stage);

internal static class Dockerfile
{
    public static IReadOnlyList<DockerInstruction> Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var stage = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var start = i + 1;
            var logical = new StringBuilder();
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                logical.Append(line[..^1]).Append(' ');
                line = lines[++i].Trim();
                while (line.StartsWith('#') && i + 1 < lines.Length)
                {
                    line = lines[++i].Trim();
                }
            }

            logical.Append(line);
            var full = logical.ToString().Trim();
            var space = full.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? full : full[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : full[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                stage++;
            }

            instructions.Add(new DockerInstruction(keyword, arguments, start, stage));
        }

        return instructions;
    }
}
