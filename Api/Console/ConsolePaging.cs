using System.Globalization;

namespace CatalogHub.Api.Console;

/// <summary>
/// Server-side paging of a console table: 1-based page numbers from the query string (anything unusable is page 1),
/// a fixed page size, and the text and links around the table. Pure.
/// </summary>
public sealed record ConsolePaging(int Page, int Size)
{
    public const int DefaultSize = 25;

    /// <summary>The highest page number accepted; deeper pages are better reached by a filter.</summary>
    public const int MaxPage = 10_000;

    public int Skip => (Page - 1) * Size;

    /// <summary>The page named by <paramref name="page"/> ("1", "2", …); missing, malformed or out of range is page 1.</summary>
    public static ConsolePaging Parse(string? page, int size = DefaultSize) =>
        int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxPage
            ? new ConsolePaging(n, size)
            : new ConsolePaging(1, size);

    /// <summary>Number of pages for <paramref name="total"/> rows (at least 1).</summary>
    public int Pages(int total) => Math.Max(1, (total + Size - 1) / Size);

    public bool HasPrevious => Page > 1;

    public bool HasNext(int total) => Page < Pages(total);

    /// <summary>"Rows 26–50 of 120", "No rows", for a page holding <paramref name="rows"/> rows.</summary>
    public string Showing(int rows, int total) =>
        rows == 0 ? (total == 0 ? "Nothing to show" : $"Nothing on page {Page} of {Pages(total)}") :
        $"{Skip + 1}–{Skip + rows} of {ConsoleFormat.Count(total)}";
}
