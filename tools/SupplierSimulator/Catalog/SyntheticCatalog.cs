namespace CatalogHub.SupplierSimulator.Catalog;

/// <summary>
/// A deterministic synthetic supplier catalog: product <c>i</c> is drawn from random streams seeded by
/// (seed, i), so the same seed gives the same catalog and nothing is generated until asked for. About a
/// quarter of the products are print (no apparel sizes), 8 % closeouts, 3 % not sellable, 3 % without media.
/// Revisions (see <see cref="CatalogState"/>) change prices, inventory and the name.
/// </summary>
public sealed class SyntheticCatalog(int products, int seed)
{
    /// <summary>Original modified dates lie in the year before this fixed epoch.</summary>
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string ImageHost = "https://img.supplier-sim.example";

    public int Count { get; } = products;

    public int Seed { get; } = seed;

    public static string ProductId(int index) => $"SIM-{index + 1:D6}";

    /// <summary>The index of <paramref name="productId"/>, or -1 when no product has that id.</summary>
    public int IndexOf(string? productId)
    {
        if (productId is null || !productId.StartsWith("SIM-", StringComparison.Ordinal)
            || !int.TryParse(productId.AsSpan(4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            || n < 1 || n > Count || ProductId(n - 1) != productId)
        {
            return -1;
        }

        return n - 1;
    }

    public ProductShape Shape(int index)
    {
        var r = Stream(index, 0);
        var kind = r.NextDouble() < 0.25 ? SimKind.Print : SimKind.Apparel;
        var colorCount = r.Next(1, 7);
        var sizeCount = r.Next((5 + colorCount - 1) / colorCount, Math.Min(10, 60 / colorCount) + 1);
        var firstColor = r.Next(Vocabulary.Colors.Length);
        var colors = Enumerable.Range(0, colorCount).Select(c => Vocabulary.Colors[(firstColor + (c * 5)) % Vocabulary.Colors.Length]).ToArray();
        var sizeStart = r.Next(0, 10 - sizeCount + 1);
        var sizes = kind == SimKind.Apparel
            ? Vocabulary.ApparelSizes.Skip(sizeStart).Take(sizeCount).ToArray()
            : Vocabulary.PrintSizes.Skip(sizeStart).Take(sizeCount).Select(s => $"{s.Width}x{s.Height}").ToArray();
        var closeout = r.NextDouble() < 0.08;
        var sellable = r.NextDouble() >= 0.03;
        var media = r.NextDouble() >= 0.03;
        var modified = Epoch.AddMinutes(-r.Next(60, 365 * 24 * 60));
        return new ProductShape(index, ProductId(index), kind, colors, sizes, closeout, sellable, media, modified);
    }

    /// <summary>The product at <paramref name="revision"/> (0 = as generated), last modified at <paramref name="modified"/>.</summary>
    public SimProduct Product(int index, int revision, DateTimeOffset? modified = null)
    {
        var shape = Shape(index);
        var r = Stream(index, 1);
        var (noun, sub) = shape.Kind == SimKind.Apparel
            ? Vocabulary.ApparelNouns[r.Next(Vocabulary.ApparelNouns.Length)]
            : Vocabulary.PrintNouns[r.Next(Vocabulary.PrintNouns.Length)];
        var name = $"{Vocabulary.Adjectives[r.Next(Vocabulary.Adjectives.Length)]} {noun}";
        var brand = Vocabulary.Brands[r.Next(Vocabulary.Brands.Length)];
        string[] descriptions = shape.Kind == SimKind.Apparel
            ? [$"{r.Next(4, 10)}.{r.Next(0, 10)} oz fabric.", .. Vocabulary.ApparelNotes.Take(r.Next(0, 3))]
            : Vocabulary.PrintNotes.Take(r.Next(1, 3)).ToArray();
        var ladder = Vocabulary.TierLadders[r.Next(Vocabulary.TierLadders.Length)].Take(r.Next(2, 5)).ToArray();
        var basePrice = shape.Kind == SimKind.Apparel ? 3m + (r.Next(0, 2200) / 100m) : 0.01m + (r.Next(0, 400) / 10_000m);
        var warehouses = Vocabulary.Warehouses.Skip(r.Next(0, 2)).Take(r.Next(1, 4)).ToArray();
        var locations = shape.Kind == SimKind.Print || r.NextDouble() < 0.5
            ? Vocabulary.DecorationLocations.Skip(r.Next(0, 3)).Take(r.Next(1, 4))
                .Select(l => new SimLocation(l, Vocabulary.DecorationMethods[r.Next(Vocabulary.DecorationMethods.Length)], r.Next(1, 9))).ToArray()
            : [];
        var fobs = r.NextDouble() < 0.3 ? Vocabulary.FobPoints : Vocabulary.FobPoints[..1];
        var created = Epoch.AddDays(-r.Next(400, 1500));
        var gtinBase = 100_000_000_000L + ((long)index * 100);

        var stockRandom = Stream(index, 2 + revision);
        var factor = 1m + (0.05m * revision);
        var parts = new List<SimPart>(shape.Colors.Count * shape.Sizes.Count);
        foreach (var color in shape.Colors)
        {
            foreach (var size in shape.Sizes)
            {
                decimal? width = null, height = null;
                decimal unit;
                if (shape.Kind == SimKind.Apparel)
                {
                    var step = Array.IndexOf(Vocabulary.ApparelSizes, size) - 4; // sizes above XL cost more
                    unit = basePrice + (step > 0 ? 1.5m * step : 0m);
                }
                else
                {
                    var dims = Vocabulary.PrintSizes[Array.FindIndex(Vocabulary.PrintSizes, d => $"{d.Width}x{d.Height}" == size)];
                    (width, height) = dims;
                    unit = 2m + (basePrice * dims.Width * dims.Height);
                }

                var prices = ladder.Select((min, t) => new SimPrice(min, Math.Round(unit * factor * (1m - (0.06m * t)), 2))).ToArray();
                var stock = warehouses.Select(w => new SimStock(w, stockRandom.NextDouble() < 0.1 ? 0 : stockRandom.Next(1, 2500))).ToArray();
                var incoming = stock.All(s => s.Quantity == 0) ? 500 : 0;
                parts.Add(new SimPart(shape.PartId(color, size), color, size, width, height, prices, stock, incoming,
                    (gtinBase + parts.Count).ToString("D14", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        var images = new List<SimImage>();
        if (shape.HasMedia)
        {
            images.Add(new SimImage($"{ImageHost}/{shape.ProductId}/primary.jpg", null, null, 1006, "Primary"));
            foreach (var color in shape.Colors)
            {
                var first = shape.PartId(color, shape.Sizes[0]);
                foreach (var (id, className) in Vocabulary.ColorImageClasses.Take(r.Next(1, 4)))
                {
                    images.Add(new SimImage($"{ImageHost}/{shape.ProductId}/{color.Code}-{className.ToLowerInvariant()}.jpg", first, color.Name, id, className));
                }
            }
        }

        return new SimProduct(shape, revision, revision == 0 ? name : $"{name} (rev {revision})", brand,
            shape.Kind == SimKind.Apparel ? "Apparel" : "Print", sub, descriptions, parts, images, locations, fobs,
            modified ?? shape.BaseModified, created);
    }

    /// <summary>An independent random stream per (seed, product, purpose); SplitMix64 so it is stable everywhere.</summary>
    private Random Stream(int index, int purpose)
    {
        var x = unchecked(((ulong)(uint)Seed << 32) ^ ((ulong)(uint)index * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)purpose << 56));
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return new Random(unchecked((int)x ^ (int)(x >> 32)));
    }
}
