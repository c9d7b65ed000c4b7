using CatalogHub.Api.Products;

namespace CatalogHub.UnitTests;

public class ProductListQueryTests
{
    private static ProductListQuery Valid(ProductListParameters raw)
    {
        Assert.True(ProductListQuery.TryParse(raw, out var query, out var errors), string.Join("; ", errors.Keys));
        return query;
    }

    private static Dictionary<string, string[]> Invalid(ProductListParameters raw)
    {
        Assert.False(ProductListQuery.TryParse(raw, out _, out var errors));
        return errors;
    }

    [Fact]
    public void NothingGivenMeansActiveProductsFirstFifty()
    {
        var q = Valid(new ProductListParameters());
        Assert.Equal(new ProductListQuery { Archived = false, Skip = 0, Limit = 50 }, q);
        Assert.Null(q.Discontinued);
        Assert.Null(q.QPattern);
    }

    [Fact]
    public void EmptyValuesAreNotGiven() =>
        Assert.Equal(new ProductListQuery(), Valid(new ProductListParameters { SupplierId = "", Archived = "", Limit = "", Q = "   ", Brand = "" }));

    [Theory]
    [InlineData("0", 0)]
    [InlineData("1000", 1000)]
    [InlineData("1001", 1000)]
    [InlineData("2147483647", 1000)]
    [InlineData("+7", 7)]
    public void LimitIsCappedAtAThousand(string limit, int expected) =>
        Assert.Equal(expected, Valid(new ProductListParameters { Limit = limit }).Limit);

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("ten")]
    [InlineData("99999999999")]
    public void ABadSkipOrLimitNamesItsField(string value)
    {
        Assert.Equal(["limit"], Invalid(new ProductListParameters { Limit = value }).Keys);
        Assert.Equal(["skip"], Invalid(new ProductListParameters { Skip = value }).Keys);
    }

    [Fact]
    public void UuidsParseAndBadOnesAreNamedTogether()
    {
        var id = Guid.NewGuid();
        Assert.Equal(id, Valid(new ProductListParameters { SupplierId = id.ToString(), CategoryId = id.ToString("N") }).SupplierId);
        var errors = Invalid(new ProductListParameters { SupplierId = "x", CategoryId = "123", CustomerId = id.ToString(), Archived = "nah" });
        Assert.Equal(["archived", "category_id", "supplier_id"], errors.Keys.Order());
        Assert.Contains("'x'", errors["supplier_id"][0]);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    public void BooleansAreTrueFalseOneOrZeroInAnyCase(string value, bool expected)
    {
        Assert.Equal(expected, Valid(new ProductListParameters { Archived = value }).Archived);
        Assert.Equal(expected, Valid(new ProductListParameters { Discontinued = value }).Discontinued);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("2")]
    [InlineData("t")]
    public void OtherBooleansAreRejected(string value) =>
        Assert.Equal(["discontinued"], Invalid(new ProductListParameters { Discontinued = value }).Keys);

    [Fact]
    public void QIsTrimmedAndItsLikeWildcardsAreEscaped()
    {
        var q = Valid(new ProductListParameters { Q = "  50%_off\\ " });
        Assert.Equal("50%_off\\", q.Q);
        Assert.Equal("%50\\%\\_off\\\\%", q.QPattern);
    }

    [Fact]
    public void QWithAControlCharacterOrTooLongIsRejected()
    {
        Assert.Equal(["q"], Invalid(new ProductListParameters { Q = "tee\u001fPC61" }).Keys);
        Assert.Equal(["q"], Invalid(new ProductListParameters { Q = new string('a', 201) }).Keys);
        Assert.Equal(200, Valid(new ProductListParameters { Q = new string('a', 200) }).Q!.Length);
    }

    [Fact]
    public void BrandAndStoreNumberAreTakenAsGiven()
    {
        var q = Valid(new ProductListParameters { Brand = "Port & Company ", StoreNumber = "0001" });
        Assert.Equal("Port & Company ", q.Brand);
        Assert.Equal("0001", q.StoreNumber);
    }
}
