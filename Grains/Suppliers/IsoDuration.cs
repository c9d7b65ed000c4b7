using System.Globalization;
using System.Text.RegularExpressions;

namespace CatalogHub.Grains.Suppliers;

/// <summary>
/// ISO 8601 durations of fixed length, as schedules use them: weeks, days, hours, minutes and seconds
/// (<c>P1W</c>, <c>P1D</c>, <c>PT6H</c>, <c>P1DT12H</c>, <c>PT90M</c>, <c>PT0.5S</c>). Years and months are
/// refused: their length depends on the calendar.
/// </summary>
public static partial class IsoDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success || text == "P" || text.EndsWith('T'))
        {
            return false;
        }

        double Part(string name) => match.Groups[name].Success ? double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var seconds = Part("w") * 7 * 86400 + Part("d") * 86400 + Part("h") * 3600 + Part("m") * 60 + Part("s");
        if (seconds <= 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    [GeneratedRegex(@"^P(?:(?<w>\d{1,6})W)?(?:(?<d>\d{1,6})D)?(?:T(?:(?<h>\d{1,6})H)?(?:(?<m>\d{1,6})M)?(?:(?<s>\d{1,8}(?:\.\d{1,3})?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
