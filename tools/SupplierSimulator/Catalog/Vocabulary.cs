namespace CatalogHub.SupplierSimulator.Catalog;

/// <summary>The word lists the synthetic catalog draws from.</summary>
internal static class Vocabulary
{
    public static readonly string[] Adjectives =
    [
        "Classic", "Essential", "Heavyweight", "Lightweight", "Premium", "Vintage", "Performance", "Relaxed", "Tri-Blend",
        "Organic", "Recycled", "Rugged", "Everyday", "Thermal", "Coastal", "Alpine",
    ];

    public static readonly (string Noun, string SubCategory)[] ApparelNouns =
    [
        ("Cotton Tee", "T-Shirts"), ("Pocket Tee", "T-Shirts"), ("Pique Polo", "Polos"), ("Pullover Hoodie", "Sweatshirts"),
        ("Quarter-Zip", "Sweatshirts"), ("Soft Shell Jacket", "Outerwear"), ("Puffer Vest", "Outerwear"), ("Tank Top", "T-Shirts"),
    ];

    public static readonly (string Noun, string SubCategory)[] PrintNouns =
    [
        ("Vinyl Banner", "Banners"), ("Gloss Poster", "Posters"), ("Sticker Sheet", "Stickers"), ("Yard Sign", "Signs"),
        ("Canvas Print", "Wall Art"), ("Foam Board", "Signs"),
    ];

    public static readonly string[] ApparelNotes = ["Tear-away label.", "Double-needle stitching."];

    public static readonly string[] PrintNotes = ["Full-color digital print.", "Weather-resistant inks."];

    public static readonly string[] Brands =
    [
        "Acme Basics", "Northwind Apparel", "Contoso Wear", "Fabrikam Threads", "Tailspin Outfitters", "Litware Print",
        "Proseware Signs", "Adatum Promo",
    ];

    /// <summary>Code (in part ids), supplier color name, standard color name, hex.</summary>
    public static readonly SimColor[] Colors =
    [
        new("BLK", "Jet Black", "Black", "000000"), new("WHT", "Bright White", "White", "FFFFFF"),
        new("NAV", "True Navy", "Navy", "1F2A44"), new("RED", "Cardinal Red", "Red", "C41E3A"),
        new("ROY", "Royal Blue", "Blue", "2251A3"), new("HGR", "Heather Grey", "Grey", "9FA1A4"),
        new("FGR", "Forest Green", "Green", "228B22"), new("MAR", "Maroon", "Red", "800000"),
        new("NAT", "Natural", "Beige", "EFE6D2"), new("CHA", "Charcoal", "Grey", "36454F"),
        new("ORG", "Safety Orange", "Orange", "FF6700"), new("PUR", "Purple", "Purple", "5E3A87"),
        new("GLD", "Gold", "Yellow", "FFC72C"), new("LBL", "Light Blue", "Blue", "A4C8E1"),
        new("PNK", "Pink", "Pink", "F4A7B9"), new("OLV", "Olive", "Green", "708238"),
    ];

    /// <summary>PromoStandards labelSize values, smallest first.</summary>
    public static readonly string[] ApparelSizes = ["XS", "S", "M", "L", "XL", "2XL", "3XL", "4XL", "5XL", "6XL"];

    /// <summary>Print sizes in inches (width × height).</summary>
    public static readonly (decimal Width, decimal Height)[] PrintSizes =
    [
        (4, 6), (5, 7), (8, 10), (11, 17), (12, 18), (18, 24), (24, 36), (36, 48), (36, 72), (48, 96),
    ];

    /// <summary>Media classTypes the simulator uses: 1006 Primary, 1007 Front, 1008 Rear, 1009 Right.</summary>
    public static readonly (int Id, string Name)[] ColorImageClasses = [(1007, "Front"), (1008, "Rear"), (1009, "Right")];

    public static readonly string[] DecorationLocations = ["Front", "Back", "Left Chest", "Right Sleeve", "Full Bleed"];

    public static readonly string[] DecorationMethods = ["Screen Print", "Embroidery", "Digital Print"];

    /// <summary>Id, name, postal code, country.</summary>
    public static readonly SimWarehouse[] Warehouses =
    [
        new("DAL", "Dallas, TX", "75201", "US"), new("RNO", "Reno, NV", "89501", "US"),
        new("JAX", "Jacksonville, FL", "32099", "US"), new("TOR", "Toronto, ON", "M5H 2N2", "CA"),
    ];

    /// <summary>FOB points: id, city, state, postal code, country.</summary>
    public static readonly SimFobPoint[] FobPoints =
    [
        new("1", "Dallas", "TX", "75201", "US"), new("2", "Reno", "NV", "89501", "US"),
    ];

    /// <summary>Quantity-break ladders (minimum quantities).</summary>
    public static readonly int[][] TierLadders = [[1, 12, 72, 144], [1, 24, 48, 250], [1, 50, 100, 500]];
}
