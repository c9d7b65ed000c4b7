using System.Text;

namespace CatalogHub.Grains.Ingest.Entries;

/// <summary>Product handles of store catalogs: URL-safe, lowercase ASCII letters, digits and hyphens.</summary>
public static class HandleFormat
{
    /// <summary>The contract's <c>maxLength</c> of a handle.</summary>
    public const int MaxLength = 255;

    /// <summary>
    /// The handle made from <paramref name="text"/>: lowercased, every run of characters other than ASCII letters and
    /// digits (spaces, punctuation, accented letters) replaced by one hyphen, hyphens trimmed from both ends.
    /// Empty when the text has no ASCII letter or digit.
    /// </summary>
    public static string Generate(string text)
    {
        var handle = new StringBuilder(text.Length);
        var pendingHyphen = false;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && handle.Length > 0)
                {
                    handle.Append('-');
                }

                handle.Append(char.ToLowerInvariant(c));
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        return handle.ToString();
    }

    /// <summary>
    /// Whether a client's handle is acceptable: 1 to 255 lowercase ASCII letters, digits and hyphens, neither first
    /// nor last a hyphen. Runs of hyphens are allowed (the contract's own examples have "---", which its stricter
    /// pattern <c>^[a-z0-9]+(?:-[a-z0-9]+)*$</c> refuses).
    /// </summary>
    public static bool IsValid(string handle) =>
        handle.Length is > 0 and <= MaxLength
        && handle[0] != '-'
        && handle[^1] != '-'
        && handle.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c) || c == '-');
}
