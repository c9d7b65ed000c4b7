using System.Collections.Concurrent;
using System.Globalization;
using CatalogHub.Grains.Suppliers;

namespace CatalogHub.TestAdapter;

/// <summary>One call the scripted adapter received.</summary>
public sealed record ScriptedCall(string Kind, string? Sku, int Attempt, DateTimeOffset At, DiscoveryMode Mode, DateTimeOffset? ChangedSince);

/// <summary>
/// What the scripted adapters of this process were asked, per supplier (in-process tests read it directly),
/// and the most hydrate calls that were in flight at once. With <c>log_file</c> the calls are also appended to
/// that file, which is how a test reads the calls of a silo process.
/// </summary>
public static class ScriptedLog
{
    private static readonly ConcurrentDictionary<Guid, ConcurrentQueue<ScriptedCall>> Calls = new();
    private static readonly ConcurrentDictionary<Guid, (int Now, int Max)> InFlight = new();
    private static readonly Lock FileGate = new();

    public static IReadOnlyList<ScriptedCall> For(Guid supplierId) =>
        Calls.TryGetValue(supplierId, out var calls) ? [.. calls] : [];

    /// <summary>The most hydrate calls of the supplier that ran at the same time.</summary>
    public static int MaxInFlight(Guid supplierId) => InFlight.TryGetValue(supplierId, out var f) ? f.Max : 0;

    public static void Record(Guid supplierId, string? file, ScriptedCall call)
    {
        Calls.GetOrAdd(supplierId, _ => new ConcurrentQueue<ScriptedCall>()).Enqueue(call);
        if (file is null)
        {
            return;
        }

        var line = string.Join('\t', call.Kind, call.Sku ?? "", call.Attempt.ToString(CultureInfo.InvariantCulture),
            call.At.ToString("O", CultureInfo.InvariantCulture), call.Mode.Name(), call.ChangedSince?.ToString("O", CultureInfo.InvariantCulture) ?? "");
        lock (FileGate)
        {
            File.AppendAllText(file, line + "\n");
        }
    }

    public static void Enter(Guid supplierId) =>
        InFlight.AddOrUpdate(supplierId, (1, 1), (_, f) => (f.Now + 1, Math.Max(f.Max, f.Now + 1)));

    public static void Leave(Guid supplierId) => InFlight.AddOrUpdate(supplierId, (0, 0), (_, f) => (f.Now - 1, f.Max));

    /// <summary>The calls a <c>log_file</c> holds (lines written by any process).</summary>
    public static IReadOnlyList<ScriptedCall> ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        return [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split('\t')).Where(p => p.Length == 6).Select(p => new ScriptedCall(
            p[0], p[1].Length == 0 ? null : p[1], int.Parse(p[2], CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(p[3], CultureInfo.InvariantCulture), DiscoveryModes.TryParse(p[4], out var m) ? m : default,
            p[5].Length == 0 ? null : DateTimeOffset.Parse(p[5], CultureInfo.InvariantCulture)))];
    }
}
