using System.Text;
using CatalogHub.Grains.Adapters;
using CatalogHub.Grains.Adapters.PromoStandards;
using CatalogHub.Grains.Suppliers;

namespace CatalogHub.UnitTests.PromoStandards;

public class PsListParserTests
{
    private static readonly SoapRequest Sellable = PsRequests.GetProductSellable(Replies.Account, "US", "en", sellable: true);

    private static async Task<IReadOnlyList<ProductRef>> ReadAsync(string xml, SoapRequest? request = null, string row = "ProductSellable")
    {
        request ??= Sellable;
        using var reader = Replies.Reader(xml);
        await PsEnvelope.OpenAsync(reader, request, Replies.Account, CancellationToken.None);
        return await PsListParser.ReadAsync(reader, request.Operation, row, Replies.Account, CancellationToken.None);
    }

    private static string SellableReply(string rows) => Replies.Response(Replies.Pd, "GetProductSellableResponse", $"<ns:ProductSellableArray>{rows}</ns:ProductSellableArray>");

    private static string Row(string productId, string? partId = null) =>
        $"<ns:ProductSellable><productId>{productId}</productId>{(partId is null ? "" : $"<partId>{partId}</partId>")}</ns:ProductSellable>";

    [Fact]
    public async Task RowsAreDeduplicatedByProductInSupplierOrderKeepingTheFirstPart()
    {
        var refs = await ReadAsync(SellableReply(Row("TS100", "TS100-BLK-M") + Row("MUG7") + Row("TS100", "TS100-BLK-L") + Row("AB1", "AB1-X")));
        Assert.Equal([new ProductRef("TS100", "TS100-BLK-M"), new ProductRef("MUG7"), new ProductRef("AB1", "AB1-X")], refs);
    }

    [Fact]
    public async Task AnAbsentOrEmptyArrayIsAnEmptyList()
    {
        Assert.Empty(await ReadAsync(Replies.Response(Replies.Pd, "GetProductSellableResponse", "")));
        Assert.Empty(await ReadAsync(SellableReply("")));
    }

    [Fact]
    public async Task UnknownElementsPrefixesAndWhitespaceAreTolerated()
    {
        const string xml = """
            <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header/><s:Body>
              <GetProductDateModifiedResponse xmlns="urn:whatever">
                <Extra><productId>NOT-A-ROW</productId></Extra>
                <ProductDateModifiedArray>
                  <ProductDateModified> <productId> TS100 </productId> <culturePoint>x</culturePoint> </ProductDateModified>
                  <ProductDateModified><partId xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/><productId>MUG7</productId></ProductDateModified>
                </ProductDateModifiedArray>
              </GetProductDateModifiedResponse>
            </s:Body></s:Envelope>
            """;
        var refs = await ReadAsync(xml, PsRequests.GetProductDateModified(Replies.Account, DateTimeOffset.UnixEpoch), "ProductDateModified");
        Assert.Equal([new ProductRef("TS100"), new ProductRef("MUG7")], refs);
    }

    [Fact]
    public async Task AnErrorMessageWinsOverRows()
    {
        var xml = Replies.Response(Replies.Pd, "GetProductSellableResponse",
            "<ns:ProductSellableArray>" + Row("TS100") + "</ns:ProductSellableArray>" +
            "<ServiceMessageArray><ServiceMessage><code>999</code><description>General error</description><severity>Error</severity></ServiceMessage></ServiceMessageArray>");
        var error = await Assert.ThrowsAsync<SupplierRejectedException>(() => ReadAsync(xml));
        Assert.Equal("999", error.Code);
    }

    [Fact]
    public async Task InformationMessagesAccompanyDataWithoutFailingIt()
    {
        var xml = Replies.Response(Replies.Pd, "GetProductSellableResponse",
            "<ns:ProductSellableArray>" + Row("TS100") + "</ns:ProductSellableArray>" +
            "<ServiceMessageArray><ServiceMessage><code>200</code><description>FYI</description><severity>Information</severity></ServiceMessage></ServiceMessageArray>");
        Assert.Single(await ReadAsync(xml));
    }

    [Fact]
    public async Task CredentialCodesAreAuthErrors()
    {
        var xml = Replies.Response(Replies.Pd, "GetProductSellableResponse",
            "<ServiceMessageArray><ServiceMessage><code>105</code><description>Authentication credentials failed</description><severity>Error</severity></ServiceMessage></ServiceMessageArray>");
        var error = await Assert.ThrowsAsync<SupplierAuthException>(() => ReadAsync(xml));
        Assert.Equal("105", error.Code);
        Assert.Contains("getProductSellable: 105 Authentication credentials failed", error.Message);
    }

    [Fact]
    public async Task ARowWithoutProductIdIsAMalformedReply()
    {
        var error = await Assert.ThrowsAsync<SupplierRejectedException>(() => ReadAsync(SellableReply("<ns:ProductSellable><partId>X</partId></ns:ProductSellable>")));
        Assert.Contains("malformed reply", error.Message);
    }

    [Fact]
    public async Task ATruncatedReplyIsAnXmlError()
    {
        var xml = SellableReply(Row("TS100") + Row("MUG7"));
        await Assert.ThrowsAnyAsync<System.Xml.XmlException>(() => ReadAsync(xml[..(xml.Length / 2)]));
    }

    [Fact]
    public async Task TenThousandProductsListedPerPartComeBackAsTenThousandRefs()
    {
        var rows = new StringBuilder();
        for (var p = 0; p < 10_000; p++)
        {
            for (var part = 0; part < 30; part++)
            {
                rows.Append(Row($"P{p:D5}", $"P{p:D5}-{part}"));
            }
        }

        var refs = await ReadAsync(SellableReply(rows.ToString()));
        Assert.Equal(10_000, refs.Count);
        Assert.Equal(new ProductRef("P09999", "P09999-0"), refs[^1]);
    }
}
