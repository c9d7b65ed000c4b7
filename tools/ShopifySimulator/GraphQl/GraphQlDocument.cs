using System.Globalization;
using System.Text.Json.Nodes;

namespace CatalogHub.ShopifySimulator.GraphQl;

/// <summary>
/// Reads just enough of a GraphQL request to run it: the operation type, its single root field (alias, name)
/// and that field's arguments, each a variable reference or a scalar literal. Selection sets are skipped: the
/// simulator answers every field of its payloads. Object and list literals are refused: clients send inputs
/// as variables.
/// </summary>
public static class GraphQlDocument
{
    /// <summary>Parses <paramref name="query"/>; throws <see cref="GraphQlRequestException"/> for anything the simulator does not take.</summary>
    public static GraphQlOperation Parse(string query)
    {
        var tokens = new GraphQlTokens(query);
        var type = "query";
        string? operationName = null;
        if (tokens.Peek() is { Kind: TokenKind.Name, Text: "query" or "mutation" or "subscription" } keyword)
        {
            type = keyword.Text;
            tokens.Next();
            if (tokens.Peek().Kind == TokenKind.Name)
            {
                operationName = tokens.Next().Text;
            }

            if (tokens.Peek().Is("("))
            {
                tokens.SkipBalanced("(", ")");
            }

            SkipDirectives(tokens);
        }

        tokens.Expect("{");
        if (tokens.Peek().Is("..."))
        {
            throw new GraphQlRequestException("Fragments at the root are not supported by the simulator");
        }

        var first = tokens.ExpectName();
        var field = first;
        if (tokens.Peek().Is(":"))
        {
            tokens.Next();
            field = tokens.ExpectName();
        }

        var arguments = new Dictionary<string, GraphQlArgument>(StringComparer.Ordinal);
        if (tokens.Peek().Is("("))
        {
            tokens.Next();
            while (!tokens.Peek().Is(")"))
            {
                var name = tokens.ExpectName();
                tokens.Expect(":");
                arguments[name] = Value(tokens, name);
            }

            tokens.Next();
        }

        SkipDirectives(tokens);
        if (tokens.Peek().Is("{"))
        {
            tokens.SkipBalanced("{", "}");
        }

        if (!tokens.Peek().Is("}"))
        {
            throw new GraphQlRequestException("The simulator takes one root field per request");
        }

        return new GraphQlOperation(type, operationName, first, field, arguments);
    }

    private static GraphQlArgument Value(GraphQlTokens tokens, string argument)
    {
        var token = tokens.Next();
        return token switch
        {
            { Kind: TokenKind.Punctuator, Text: "$" } => new GraphQlArgument(tokens.ExpectName(), null),
            { Kind: TokenKind.Name, Text: "true" } => new GraphQlArgument(null, JsonValue.Create(true)),
            { Kind: TokenKind.Name, Text: "false" } => new GraphQlArgument(null, JsonValue.Create(false)),
            { Kind: TokenKind.Name, Text: "null" } => new GraphQlArgument(null, null),
            { Kind: TokenKind.Name } => new GraphQlArgument(null, JsonValue.Create(token.Text)),
            { Kind: TokenKind.String } => new GraphQlArgument(null, JsonValue.Create(token.Text)),
            { Kind: TokenKind.Number } => new GraphQlArgument(null, JsonNode.Parse(token.Text)),
            _ => throw new GraphQlRequestException(
                $"Argument '{argument}': the simulator takes object and list inputs as variables only (e.g. {argument}: ${argument})"),
        };
    }

    private static void SkipDirectives(GraphQlTokens tokens)
    {
        while (tokens.Peek().Is("@"))
        {
            tokens.Next();
            tokens.ExpectName();
            if (tokens.Peek().Is("("))
            {
                tokens.SkipBalanced("(", ")");
            }
        }
    }
}

/// <summary>The one root field of a request: <see cref="ResponseKey"/> is its alias or its name.</summary>
public sealed record GraphQlOperation(
    string Type,
    string? OperationName,
    string ResponseKey,
    string Field,
    IReadOnlyDictionary<string, GraphQlArgument> Arguments)
{
    /// <summary>The arguments' values, variables resolved from <paramref name="variables"/> (an absent variable is null).</summary>
    public IReadOnlyDictionary<string, JsonNode?> Resolve(JsonObject? variables) =>
        Arguments.ToDictionary(
            a => a.Key,
            a => a.Value.Variable is { } name ? variables?[name]?.DeepClone() : a.Value.Literal?.DeepClone(),
            StringComparer.Ordinal);
}

/// <summary>An argument: a variable reference (<see cref="Variable"/>) or a scalar literal.</summary>
public sealed record GraphQlArgument(string? Variable, JsonNode? Literal);

/// <summary>A request the simulator cannot run; answered as a GraphQL error (HTTP 200).</summary>
public sealed class GraphQlRequestException(string message, string code = "BAD_REQUEST") : Exception(message)
{
    public string Code { get; } = code;
}

internal enum TokenKind
{
    End,
    Name,
    Punctuator,
    String,
    Number,
}

internal readonly record struct Token(TokenKind Kind, string Text)
{
    public bool Is(string punctuator) => Kind == TokenKind.Punctuator && Text == punctuator;
}

/// <summary>GraphQL's lexical grammar, minus what the simulator never meets (unicode escapes are kept verbatim).</summary>
internal sealed class GraphQlTokens(string source)
{
    private int _position;
    private Token? _peeked;

    public Token Peek() => _peeked ??= Read();

    public Token Next()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    public void Expect(string punctuator)
    {
        var token = Next();
        if (!token.Is(punctuator))
        {
            throw Unexpected(token, $"'{punctuator}'");
        }
    }

    public string ExpectName()
    {
        var token = Next();
        return token.Kind == TokenKind.Name ? token.Text : throw Unexpected(token, "a name");
    }

    /// <summary>Skips from the opening punctuator (next) to its matching closing one, nested pairs included.</summary>
    public void SkipBalanced(string open, string close)
    {
        Expect(open);
        for (var depth = 1; depth > 0;)
        {
            var token = Next();
            if (token.Kind == TokenKind.End)
            {
                throw new GraphQlRequestException($"Syntax error: '{close}' expected before the end of the document");
            }

            depth += token.Is(open) ? 1 : token.Is(close) ? -1 : 0;
        }
    }

    private static GraphQlRequestException Unexpected(Token token, string expected) =>
        new($"Syntax error: expected {expected}, found {(token.Kind == TokenKind.End ? "the end of the document" : $"'{token.Text}'")}");

    private Token Read()
    {
        SkipIgnored();
        if (_position >= source.Length)
        {
            return new Token(TokenKind.End, "");
        }

        var c = source[_position];
        if (char.IsAsciiLetter(c) || c == '_')
        {
            var start = _position;
            while (_position < source.Length && (char.IsAsciiLetterOrDigit(source[_position]) || source[_position] == '_'))
            {
                _position++;
            }

            return new Token(TokenKind.Name, source[start.._position]);
        }

        if (char.IsAsciiDigit(c) || c == '-')
        {
            var start = _position++;
            while (_position < source.Length && (char.IsAsciiDigit(source[_position]) || source[_position] is '.' or 'e' or 'E' or '+' or '-'))
            {
                _position++;
            }

            var text = source[start.._position];
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? new Token(TokenKind.Number, text)
                : throw new GraphQlRequestException($"Syntax error: '{text}' is not a number");
        }

        if (c == '"')
        {
            return ReadString();
        }

        if (source.AsSpan(_position).StartsWith("..."))
        {
            _position += 3;
            return new Token(TokenKind.Punctuator, "...");
        }

        if ("!$&()=:@[]{}|".Contains(c, StringComparison.Ordinal))
        {
            _position++;
            return new Token(TokenKind.Punctuator, c.ToString());
        }

        throw new GraphQlRequestException($"Syntax error: unexpected character '{c}'");
    }

    private void SkipIgnored()
    {
        while (_position < source.Length)
        {
            var c = source[_position];
            if (c == '#')
            {
                while (_position < source.Length && source[_position] is not ('\n' or '\r'))
                {
                    _position++;
                }
            }
            else if (char.IsWhiteSpace(c) || c == ',' || c == '\uFEFF')
            {
                _position++;
            }
            else
            {
                return;
            }
        }
    }

    private Token ReadString()
    {
        if (source.AsSpan(_position).StartsWith("\"\"\""))
        {
            var end = source.IndexOf("\"\"\"", _position + 3, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new GraphQlRequestException("Syntax error: unterminated block string");
            }

            var block = source[(_position + 3)..end];
            _position = end + 3;
            return new Token(TokenKind.String, block);
        }

        var text = new System.Text.StringBuilder();
        for (_position++; _position < source.Length; _position++)
        {
            var c = source[_position];
            if (c == '"')
            {
                _position++;
                return new Token(TokenKind.String, text.ToString());
            }

            if (c == '\\' && _position + 1 < source.Length)
            {
                var escaped = source[++_position];
                text.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', _ => escaped });
                continue;
            }

            text.Append(c);
        }

        throw new GraphQlRequestException("Syntax error: unterminated string");
    }
}
