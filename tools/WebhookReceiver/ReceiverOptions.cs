using System.Globalization;
using CatalogHub.WebhookReceiver.Knobs;

namespace CatalogHub.WebhookReceiver;

/// <summary>How a receiver starts: the secrets signatures are checked against and its initial knobs.</summary>
public sealed record ReceiverOptions
{
    public const string Usage = """
        WebhookReceiver — records every POST to any path (headers, body, the status it answered), verifies
        X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, raw body)> and reads X-Hub-Event-Id.
        Recorded deliveries on GET /admin/deliveries, knobs on /admin/knobs.

          --secret <secret>         a signing secret (repeatable; default whsec_receiver)
          --status <code>           the status every POST gets (default 200)
          --latency-ms <n>          latency before answering (default 0)
          --require-signature       answer 401 to POSTs whose signature does not verify
          --urls <url>              where to listen (default http://127.0.0.1:5097)
        """;

    public IReadOnlyList<string> Secrets { get; init; } = ["whsec_receiver"];

    public ReceiverKnobs Knobs { get; init; } = new();

    /// <summary>Parses the receiver's own arguments; everything else (e.g. <c>--urls</c>) goes to <paramref name="rest"/>.</summary>
    public static ReceiverOptions Parse(string[] args, out string[] rest)
    {
        var options = new ReceiverOptions();
        var secrets = new List<string>();
        var others = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var flag = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{flag} needs a value");
            int Count() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"{flag} needs a non-negative integer");
            var knobs = options.Knobs;
            switch (flag)
            {
                case "--secret":
                    secrets.Add(Next());
                    break;
                case "--status":
                    options = options with { Knobs = knobs with { Status = Count() } };
                    break;
                case "--latency-ms":
                    options = options with { Knobs = knobs with { LatencyMs = Count() } };
                    break;
                case "--require-signature":
                    options = options with { Knobs = knobs with { RequireSignature = true } };
                    break;
                default:
                    others.Add(flag);
                    break;
            }
        }

        if (secrets.Count > 0)
        {
            options = options with { Secrets = secrets };
        }

        rest = [.. others];
        var problems = options.Problems();
        return problems.Count == 0 ? options : throw new FormatException(string.Join("; ", problems));
    }

    /// <summary>The problems of these options; empty when valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(Knobs.Problems());
        if (Secrets.Any(string.IsNullOrEmpty))
        {
            problems.Add("secrets must not be empty");
        }

        return problems;
    }
}
