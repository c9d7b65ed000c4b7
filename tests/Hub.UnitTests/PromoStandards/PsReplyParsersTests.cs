using CatalogHub.Grains.Adapters;
using CatalogHub.Grains.Adapters.PromoStandards;

namespace CatalogHub.UnitTests.PromoStandards;

/// <summary>The per-product replies of promostandards.md's examples, read into the adapter's records.</summary>
public class PsReplyParsersTests
{
    public const string ProductXml = """
        <ns:Product>
          <productId>TS100</productId><productName>Classic Cotton Tee</productName>
          <description>5.3 oz 100% cotton.</description><description>Tear-away label.</description>
          <productBrand>Acme Basics</productBrand><ns:export>true</ns:export>
          <ns:ProductCategoryArray><ProductCategory><category>Apparel</category><subCategory>T-Shirts</subCategory></ProductCategory></ns:ProductCategoryArray>
          <primaryImageUrl>https://img.example.com/TS100.jpg</primaryImageUrl>
          <ns:ProductPriceGroupArray><ProductPriceGroup>
            <ProductPriceArray><ProductPrice><quantityMin>1</quantityMin><price>6.50</price></ProductPrice></ProductPriceArray>
            <groupName>List</groupName><currency>USD</currency>
          </ProductPriceGroup></ns:ProductPriceGroupArray>
          <complianceInfoAvailable xsi:nil="true"/>
          <LocationDecorationArray><LocationDecoration><locationName>Left Chest</locationName><decorationName>Embroidery</decorationName>
            <locationDecorationComboDefault>true</locationDecorationComboDefault><priceIncludes>false</priceIncludes></LocationDecoration></LocationDecorationArray>
          <ns:ProductPartArray>
            <ns:ProductPart>
              <partId>TS100-BLK-M</partId>
              <ns:primaryColor><Color><standardColorName>Black</standardColorName><colorName>Jet Black</colorName></Color></ns:primaryColor>
              <ApparelSize><apparelStyle>Unisex</apparelStyle><labelSize>M</labelSize></ApparelSize>
              <gtin>00012345678905</gtin><isRushService>false</isRushService>
              <endDate xsi:nil="true"/><effectiveDate xsi:nil="true"/>
              <isCloseout>false</isCloseout><isCaution>false</isCaution><isOnDemand>false</isOnDemand><isHazmat>false</isHazmat>
            </ns:ProductPart>
            <ns:ProductPart>
              <partId>TS100-NAV-XXL</partId>
              <ns:ColorArray><Color><colorName>Navy</colorName></Color><Color><colorName>White</colorName></Color></ns:ColorArray>
              <ApparelSize><apparelStyle>Mens</apparelStyle><labelSize>CUSTOM</labelSize><customSize>XXL Tall</customSize></ApparelSize>
            </ns:ProductPart>
            <ns:ProductPart><description>no part id: skipped</description></ns:ProductPart>
          </ns:ProductPartArray>
          <ns:lastChangeDate>2024-05-01T12:00:00Z</ns:lastChangeDate><ns:creationDate>2020-01-15T00:00:00Z</ns:creationDate>
          <endDate xsi:nil="true"/><effectiveDate xsi:nil="true"/><isCaution>false</isCaution><isCloseout>true</isCloseout>
          <FobPointArray><FobPoint><fobId>1</fobId><fobCity>Dallas</fobCity><fobState>TX</fobState>
            <fobPostalCode>75201</fobPostalCode><fobCountry>US</fobCountry></FobPoint></FobPointArray>
        </ns:Product>
        """;

    public const string PricingXml = """
        <ns:Configuration>
          <ns:PartArray>
            <ns:Part>
              <partId>TS100-BLK-M</partId><partDescription>Jet Black / M</partDescription>
              <ns:PartPriceArray>
                <ns:PartPrice><ns:minQuantity>72</ns:minQuantity><ns:price>3.9000</ns:price><ns:priceUom>EA</ns:priceUom>
                  <ns:priceEffectiveDate>2024-01-01T00:00:00Z</ns:priceEffectiveDate><ns:priceExpiryDate xsi:nil="true"/></ns:PartPrice>
                <ns:PartPrice><ns:minQuantity>1</ns:minQuantity><ns:price>4.2500</ns:price><ns:priceUom>EA</ns:priceUom>
                  <ns:priceEffectiveDate>2024-01-01T00:00:00Z</ns:priceEffectiveDate><ns:priceExpiryDate xsi:nil="true"/></ns:PartPrice>
              </ns:PartPriceArray>
              <partGroup>1</partGroup><partGroupRequired>true</partGroupRequired>
              <partGroupDescription>Main Product</partGroupDescription><ratio>1</ratio><defaultPart>true</defaultPart>
            </ns:Part>
            <ns:Part>
              <partId>LID-1</partId>
              <ns:PartPriceArray><ns:PartPrice><ns:minQuantity>1</ns:minQuantity><ns:price>0.50</ns:price><ns:priceUom>EA</ns:priceUom></ns:PartPrice></ns:PartPriceArray>
              <partGroup>2</partGroup><partGroupRequired>false</partGroupRequired><partGroupDescription>Lid</partGroupDescription><ratio>1</ratio>
            </ns:Part>
          </ns:PartArray>
          <productId>TS100</productId><currency>USD</currency>
          <FobArray><Fob><fobId>1</fobId><fobPostalCode>75201</fobPostalCode></Fob></FobArray>
          <priceType>Net</priceType>
        </ns:Configuration>
        """;

    public const string MediaXml = """
        <ns:MediaContentArray>
          <ns:MediaContent>
            <productId>TS100</productId><partId>TS100-BLK-M</partId>
            <ns:url>https://img.example.com/TS100_BLK_front.jpg</ns:url><mediaType>Image</mediaType>
            <ns:ClassTypeArray><ns:ClassType><ns:classTypeId>1007</ns:classTypeId><ns:classTypeName>Front</ns:classTypeName></ns:ClassType></ns:ClassTypeArray>
            <ns:color>Jet Black</ns:color><ns:singlePart>true</ns:singlePart>
          </ns:MediaContent>
          <ns:MediaContent>
            <productId>TS100</productId><ns:url>https://img.example.com/TS100_spec.pdf</ns:url><mediaType>Document</mediaType>
            <ns:ClassTypeArray/><ns:singlePart>false</ns:singlePart>
          </ns:MediaContent>
        </ns:MediaContentArray>
        """;

    public const string InventoryXml = """
        <Inventory><productId>TS100</productId><PartInventoryArray>
          <PartInventory>
            <partId>TS100-BLK-M</partId><mainPart>true</mainPart><partColor>Jet Black</partColor><labelSize>M</labelSize>
            <quantityAvailable><Quantity><uom>EA</uom><value>1250</value></Quantity></quantityAvailable>
            <manufacturedItem>false</manufacturedItem><buyToOrder>false</buyToOrder>
            <InventoryLocationArray>
              <InventoryLocation><inventoryLocationId>DAL</inventoryLocationId>
                <inventoryLocationQuantity><Quantity><uom>EA</uom><value>250</value></Quantity></inventoryLocationQuantity></InventoryLocation>
              <InventoryLocation><inventoryLocationId>RNO</inventoryLocationId>
                <inventoryLocationQuantity><Quantity><uom>EA</uom><value>1000</value></Quantity></inventoryLocationQuantity>
                <FutureAvailabilityArray><FutureAvailability><Quantity><uom>EA</uom><value>300.0</value></Quantity>
                  <availableOn>2024-06-01T00:00:00Z</availableOn></FutureAvailability></FutureAvailabilityArray></InventoryLocation>
            </InventoryLocationArray>
            <lastModified>2024-05-01T12:00:00Z</lastModified>
          </PartInventory>
          <PartInventory><partId>TS100-NAV-XXL</partId><mainPart>true</mainPart><quantityAvailable xsi:nil="true"/>
            <manufacturedItem>false</manufacturedItem><buyToOrder>false</buyToOrder>
            <InventoryLocationArray><InventoryLocation><inventoryLocationId>DAL</inventoryLocationId>
              <inventoryLocationQuantity><Quantity><uom>EA</uom><value>7</value></Quantity></inventoryLocationQuantity></InventoryLocation></InventoryLocationArray>
          </PartInventory>
        </PartInventoryArray></Inventory>
        """;

    public static Task<System.Xml.Linq.XElement> ProductRoot() =>
        Replies.RootAsync(Replies.Response(Replies.Pd, "GetProductResponse", ProductXml), PsRequests.GetProduct(Replies.Account, "US", "en", "TS100"));

    [Fact]
    public async Task GetProductYieldsNamePartsColorsSizesLocationsAndFobPoints()
    {
        var product = PsProductParser.Parse(await ProductRoot());
        Assert.Equal(("TS100", "Classic Cotton Tee", "Acme Basics", "Apparel"), (product.ProductId, product.ProductName, product.Brand, product.Category));
        Assert.Equal(["5.3 oz 100% cotton.", "Tear-away label."], product.Descriptions);
        Assert.Equal("https://img.example.com/TS100.jpg", product.PrimaryImageUrl);
        Assert.True(product.IsCloseout);
        Assert.Equal(["1"], product.FobIds);
        Assert.Equal([new PsDecorationLocation("Left Chest", "Embroidery")], product.Locations);
        Assert.Equal(
            [new PsPart("TS100-BLK-M", "Jet Black", "M", null, null, "00012345678905"), new PsPart("TS100-NAV-XXL", "Navy", "CUSTOM", "XXL Tall", null, null)],
            product.Parts);
    }

    [Fact]
    public async Task AGetProductReplyWithoutProductIsMalformed()
    {
        var root = await Replies.RootAsync(Replies.Response(Replies.Pd, "GetProductResponse", ""), PsRequests.GetProduct(Replies.Account, "US", "en", "TS100"));
        Assert.Contains("no Product", Assert.Throws<SupplierRejectedException>(() => PsProductParser.Parse(root)).Message);
    }

    [Fact]
    public async Task ADimensionThatIsNotANumberIsRejectedNamingTheField()
    {
        var xml = Replies.Response(Replies.Pd, "GetProductResponse",
            "<ns:Product><productId>B1</productId><productName>Banner</productName><ns:ProductPartArray><ns:ProductPart><partId>B1-1</partId>" +
            "<Dimension><dimensionUom>IN</dimensionUom><height>tall</height><width>2</width></Dimension></ns:ProductPart></ns:ProductPartArray></ns:Product>");
        var root = await Replies.RootAsync(xml, PsRequests.GetProduct(Replies.Account, "US", "en", "B1"));
        Assert.Contains("height 'tall'", Assert.Throws<SupplierRejectedException>(() => PsProductParser.Parse(root)).Message);
    }

    [Fact]
    public async Task PricingKeepsGroupOneBreaksSortedByQuantity()
    {
        var root = await Replies.RootAsync(Replies.Response(Replies.Ppc, "GetConfigurationAndPricingResponse", PricingXml),
            PsRequests.GetConfigurationAndPricing(Replies.Account, new PromoStandardsSettings { Endpoints = new Dictionary<PsService, Uri>() }, "TS100", "1"));
        var prices = PsHydrationParsers.Pricing(root);
        Assert.Equal(["TS100-BLK-M"], prices.Keys);
        Assert.Equal([new PsPriceBreak(1, 4.25m), new PsPriceBreak(72, 3.9m)], prices["TS100-BLK-M"]);
    }

    [Fact]
    public async Task MediaKeepsImagesWithTheirPartColorAndClassTypes()
    {
        var root = await Replies.RootAsync(Replies.Response(Replies.Media, "GetMediaContentResponse", MediaXml), PsRequests.GetMediaContent(Replies.Account, "TS100"));
        var image = Assert.Single(PsHydrationParsers.Media(root));
        Assert.Equal(("https://img.example.com/TS100_BLK_front.jpg", "TS100-BLK-M", "Jet Black"), (image.Url, image.PartId, image.Color));
        Assert.Equal([new PsClassType(1007, "Front")], image.ClassTypes);
    }

    [Fact]
    public async Task InventoryReadsTotalsLocationsAndFutureAvailability()
    {
        var root = await Replies.RootAsync(Replies.Response(Replies.Inv, "GetInventoryLevelsResponse", InventoryXml), PsRequests.GetInventoryLevels(Replies.Account, "TS100"));
        var stock = PsHydrationParsers.Inventory(root);
        Assert.Equal(2, stock.Count);
        Assert.Equal((1250L, 300L), (stock[0].QuantityAvailable, stock[0].Incoming));
        Assert.Equal([new PsLocationStock("DAL", 250), new PsLocationStock("RNO", 1000)], stock[0].Locations);
        Assert.Null(stock[1].QuantityAvailable);
    }
}
