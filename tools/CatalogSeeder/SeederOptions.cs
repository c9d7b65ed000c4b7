using System.Globalization;

namespace CatalogHub.CatalogSeeder;

/// <summary>The seeder's command line.</summary>
public sealed record SeederOptions
{
    public const string Usage = """
        CatalogSeeder — fills a Catalog Hub database with a synthetic catalog for measurement (binary COPY).

          --connection "<npgsql connection string>"   database to migrate and fill (required unless --pgdata)
          --pgdata <dir>          start (initdb if needed) a throwaway local PostgreSQL there; prints its connection string
          --products <n>          products (default 100000)
          --variants-per-product <n>   variants per product (default 10)
          --customers <n>         customers with push-log rows (default 5)
          --seed <n>              random seed (default 42): the same arguments give the same catalog
          --truncate              empty the catalog tables first (otherwise a non-empty catalog is an error)
        """;

    public string? Connection { get; init; }
    public string? PgData { get; init; }
    public int Products { get; init; } = 100_000;
    public int VariantsPerProduct { get; init; } = 10;
    public int Customers { get; init; } = 5;
    public int Seed { get; init; } = 42;
    public bool Truncate { get; init; }

    /// <summary>Parses <paramref name="args"/>; null with a message on stderr when they are wrong.</summary>
    public static SeederOptions? Parse(string[] args, TextWriter error)
    {
        var options = new SeederOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            int Number() => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"{args[i]} needs a non-negative integer");
            try
            {
                options = args[i] switch
                {
                    "--connection" => options with { Connection = Next() },
                    "--pgdata" => options with { PgData = Next() },
                    "--products" => options with { Products = Number() },
                    "--variants-per-product" => options with { VariantsPerProduct = Number() },
                    "--customers" => options with { Customers = Number() },
                    "--seed" => options with { Seed = Number() },
                    "--truncate" => options with { Truncate = true },
                    _ => throw new FormatException($"unknown argument {args[i]}"),
                };
            }
            catch (FormatException e)
            {
                error.WriteLine(e.Message);
                error.WriteLine(Usage);
                return null;
            }
        }

        if (options.Connection is null && options.PgData is null)
        {
            error.WriteLine("--connection or --pgdata is required");
            error.WriteLine(Usage);
            return null;
        }

        return options;
    }
}
