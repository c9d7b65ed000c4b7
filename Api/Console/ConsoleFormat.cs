using System.Globalization;

namespace CatalogHub.Api.Console;

/// <summary>How the console writes times, durations, progress and money. Pure, invariant culture.</summary>
public static class ConsoleFormat
{
    /// <summary>Seconds left as "45 s", "3 min 20 s", "2 h 5 min"; "—" when unknown.</summary>
    public static string Eta(int? seconds) => seconds switch
    {
        null or < 0 => "—",
        < 60 => $"{seconds} s",
        < 3600 => seconds % 60 == 0 ? $"{seconds / 60} min" : $"{seconds / 60} min {seconds % 60} s",
        _ => seconds % 3600 / 60 == 0 ? $"{seconds / 3600} h" : $"{seconds / 3600} h {seconds % 3600 / 60} min",
    };

    /// <summary>How long ago <paramref name="at"/> was, seen at <paramref name="now"/>: "just now", "5 min ago", "3 h ago", "2 d ago".</summary>
    public static string Ago(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is not { } time)
        {
            return "never";
        }

        var seconds = (now - time).TotalSeconds;
        return seconds switch
        {
            < 10 => "just now",
            < 60 => $"{(int)seconds} s ago",
            < 3600 => $"{(int)(seconds / 60)} min ago",
            < 86400 => $"{(int)(seconds / 3600)} h ago",
            _ => $"{(int)(seconds / 86400)} d ago",
        };
    }

    /// <summary>A time as UTC "2026-12-06 00:45:25Z" (the title of a relative time).</summary>
    public static string Time(DateTimeOffset? at) =>
        at is { } time ? time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "—";

    /// <summary>Percent for a progress bar, clamped to 0–100, one decimal.</summary>
    public static double Percent(int done, int total) =>
        total <= 0 ? 0 : Math.Round(Math.Clamp(done * 100.0 / total, 0, 100), 1);

    /// <summary>Percent as shown: "42.5 %", "100 %".</summary>
    public static string PercentText(double percent) => percent.ToString("0.#", CultureInfo.InvariantCulture) + " %";

    /// <summary>Money with at least two decimals: 4.5 → "4.50", 4.5825 → "4.5825"; "—" when absent.</summary>
    public static string Money(decimal? value) =>
        value is { } v ? (v == Math.Round(v, 2) ? v.ToString("0.00", CultureInfo.InvariantCulture) : v.ToString("0.00##", CultureInfo.InvariantCulture)) : "—";

    /// <summary>A range of prices: "4.50" when equal, "4.50 – 9.00", "—" when absent.</summary>
    public static string MoneyRange(decimal? min, decimal? max) =>
        min is null && max is null ? "—" : min == max ? Money(min) : $"{Money(min)} – {Money(max)}";

    /// <summary>A count with thousands separators: 12345 → "12,345".</summary>
    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
