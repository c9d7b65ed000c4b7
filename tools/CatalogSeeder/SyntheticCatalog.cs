using CatalogHub.Grains.Catalog;

namespace CatalogHub.CatalogSeeder;

/// <summary>
/// A deterministic synthetic catalog: 20 suppliers and 5 stores, 200 brands, 345 categories four levels deep
/// (5 × 4 × 4 × 3), product names from word lists (so <c>q</c> has realistic hit rates), apparel (85 %) and
/// print products, 2 % archived, 3 % discontinued. The same seed gives the same catalog.
/// </summary>
public sealed class SyntheticCatalog
{
    public static readonly string[] Adjectives =
    [
        "Essential", "Classic", "Heavy", "Lightweight", "Premium", "Vintage", "Performance", "Relaxed", "Slim", "Tri-Blend",
        "Organic", "Recycled", "Soft", "Rugged", "Sport", "Urban", "Coastal", "Alpine", "Retro", "Modern", "Everyday", "Thermal",
        "Waterproof", "Stretch", "Brushed",
    ];

    public static readonly string[] Materials =
    [
        "Cotton", "Fleece", "Jersey", "Polyester", "Canvas", "Denim", "Nylon", "Wool", "Linen", "Bamboo", "Pique", "Twill",
        "Mesh", "Vinyl", "Satin", "Poplin",
    ];

    public static readonly string[] Nouns =
    [
        "Tee", "Hoodie", "Polo", "Jacket", "Cap", "Beanie", "Tote", "Backpack", "Vest", "Sweatshirt", "Tank", "Shorts", "Jogger",
        "Pullover", "Quarter-Zip", "Windbreaker", "Apron", "Banner", "Poster", "Sticker", "Flyer", "Mug", "Towel", "Blanket", "Scarf",
    ];

    private static readonly string[] BrandStems =
    [
        "Port & Company", "Sport-Tek", "District", "Gildan", "Bella Canvas", "Next Level", "Comfort Colors", "Hanes", "Jerzees",
        "Champion", "Carhartt", "Nike", "Adidas", "Under Armour", "OGIO", "Eddie Bauer", "The North Face", "Columbia", "Alternative",
        "American Apparel", "Independent", "Richardson", "Flexfit", "Econscious", "Liberty Bags", "Anvil", "Fruit", "Russell",
        "Augusta", "Badger", "Holloway", "Devon & Jones", "Harriton", "Core365", "Team 365", "Tultex", "LAT", "Rabbit Skins", "Threadfast", "Boxercraft",
    ];

    private static readonly string[] BrandSuffixes = ["", " Kids", " Pro", " Sport", " Basics"];

    public static readonly string[] Colors =
    [
        "Black", "White", "Natural", "Navy", "Heather Grey", "Royal", "Red", "Forest Green", "Maroon", "Charcoal", "Sand", "Orange",
        "Purple", "Gold", "Light Blue", "Pink", "Kelly Green", "Brown", "Olive", "Teal",
    ];

    public static readonly string[] Sizes = ["XS", "S", "M", "L", "XL", "2XL", "3XL", "4XL", "5XL", "6XL"];

    private static readonly Guid Namespace = new("0b7a4c1e-52f3-4d0e-9f6a-3c2b1d0e9f8a");

    public SyntheticCatalog(int seed)
    {
        Seed = seed;
        Suppliers = [.. Enumerable.Range(0, 20).Select(i => NameBasedGuid.Create(Namespace, $"supplier {seed} {i}"))];
        Stores = [.. Enumerable.Range(1, 5).Select(i => $"{i:D4}")];
        Brands = [.. BrandStems.SelectMany(s => BrandSuffixes.Select(x => s + x))];
        var categories = new List<Category>();
        var names = new[] { "Apparel", "Bags", "Headwear", "Print", "Promo" };
        for (var a = 0; a < 5; a++)
        {
            var root = Add(categories, names[a], null);
            for (var b = 0; b < 4; b++)
            {
                var l2 = Add(categories, $"{names[a]} {b + 1}", root);
                for (var c = 0; c < 4; c++)
                {
                    var l3 = Add(categories, $"{l2.Name}.{c + 1}", l2);
                    for (var d = 0; d < 3; d++)
                    {
                        Add(categories, $"{l3.Name}.{d + 1}", l3);
                    }
                }
            }
        }

        Categories = categories;
    }

    public int Seed { get; }
    public IReadOnlyList<Guid> Suppliers { get; }
    public IReadOnlyList<string> Stores { get; }
    public IReadOnlyList<string> Brands { get; }

    /// <summary>Parents before children.</summary>
    public IReadOnlyList<Category> Categories { get; }

    public static Guid CustomerId(int seed, int index) => NameBasedGuid.Create(Namespace, $"customer {seed} {index}");

    private Category Add(List<Category> list, string name, Category? parent)
    {
        var id = NameBasedGuid.Create(Namespace, $"category {Seed} {name}");
        var label = id.ToString("N");
        var category = new Category(id, name, parent?.Id, parent is null ? label : $"{parent.Path}.{label}");
        list.Add(category);
        return category;
    }
}

/// <summary>A category with its ltree path (ids' hex from the root).</summary>
public sealed record Category(Guid Id, string Name, Guid? ParentId, string Path);
