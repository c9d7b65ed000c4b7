using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CatalogHub.SupplierSimulator;

namespace CatalogHub.IntegrationTests.Adapters.PromoStandards;

/// <summary>The simulator checks requests like a strict supplier and answers with the protocol's error elements.</summary>
public class SupplierSimulatorProtocolTests : IAsyncLifetime
{
    private const string Pd = "http://www.promostandards.org/WSDL/ProductDataService/2.0.0/";
    private const string Ppc = "http://www.promostandards.org/WSDL/PricingAndConfiguration/1.0.0/";
    private const string Media = "http://www.promostandards.org/WSDL/MediaService/1.0.0/";
    private const string Inv = "http://www.promostandards.org/WSDL/Inventory/2.0.0/";

    private RunningSupplierSimulator _simulator = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _simulator = await SupplierSimulatorHost.StartAsync(new SimulatorOptions { Products = 30, Seed = 2 });
        _http.BaseAddress = _simulator.BaseUri;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    private static string Request(string ns, string element, string children, string? sharedNs = null, string credentials = "<shar:id>demo</shar:id><shar:password>demo-password</shar:password>", string version = "2.0.0") => $"""
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>
          <ns:{element} xmlns:ns="{ns}" xmlns:shar="{sharedNs ?? ns + "SharedObjects/"}">
            <shar:wsVersion>{version}</shar:wsVersion>{credentials}{children}
          </ns:{element}>
        </soapenv:Body></soapenv:Envelope>
        """;

    private async Task<(HttpStatusCode Status, XElement Reply)> PostAsync(string path, string xml)
    {
        using var content = new StringContent(xml, Encoding.UTF8, "text/xml");
        using var response = await _http.PostAsync(path, content);
        var body = XElement.Parse(await response.Content.ReadAsStringAsync());
        var reply = body.Elements().Single().Elements().Single();
        return (response.StatusCode, reply);
    }

    /// <summary>The (code, description) of the reply's error element, whatever its service calls it.</summary>
    private static (string? Code, string? Description) Error(XElement reply)
    {
        var error = reply.Descendants().FirstOrDefault(e => e.Name.LocalName is "ServiceMessage" or "ErrorMessage" or "errorMessage");
        return (error?.Elements().First(e => e.Name.LocalName == "code").Value, error?.Elements().First(e => e.Name.LocalName == "description").Value);
    }

    private const string Closeouts = "GetProductCloseOutRequest";

    [Fact]
    public async Task AWellFormedRequestIsAnsweredWithTheResponseElement()
    {
        var (status, reply) = await PostAsync("productdata2", Request(Pd, Closeouts, ""));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(XName.Get("GetProductCloseOutResponse", Pd), reply.Name);
        Assert.Null(Error(reply).Code);
    }

    [Fact]
    public async Task ChildrenInTheWrongNamespaceAre125InANormalResponse()
    {
        var (status, reply) = await PostAsync("productdata2", Request(Pd, Closeouts, "", sharedNs: Pd));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("125", Error(reply).Code);
        Assert.Contains("not part of GetProductCloseOutRequest", Error(reply).Description);
    }

    [Fact]
    public async Task ARequestRootInAnotherServicesNamespaceIs125()
    {
        var (_, reply) = await PostAsync("productdata2", Request(Ppc, Closeouts, "", sharedNs: Pd + "SharedObjects/"));
        Assert.Equal("125", Error(reply).Code);
    }

    [Fact]
    public async Task ChildrenOutOfSchemaOrderAre125()
    {
        var (_, reply) = await PostAsync("productdata2", Request(Pd, Closeouts, "", credentials: "<shar:password>demo-password</shar:password><shar:id>demo</shar:id>"));
        Assert.Equal("125", Error(reply).Code);
    }

    [Theory]
    [InlineData("<shar:id>demo</shar:id>", "110")]
    [InlineData("<shar:password>demo-password</shar:password>", "110")]
    [InlineData("<shar:id>other</shar:id><shar:password>demo-password</shar:password>", "100")]
    [InlineData("<shar:id>demo</shar:id><shar:password>nope</shar:password>", "105")]
    public async Task CredentialsAreChecked(string credentials, string code)
    {
        var (status, reply) = await PostAsync("productdata2", Request(Pd, Closeouts, "", credentials: credentials));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(code, Error(reply).Code);
    }

    [Fact]
    public async Task AWrongWsVersionIs115AndAMissingRequiredFieldIs120()
    {
        Assert.Equal("115", Error((await PostAsync("productdata2", Request(Pd, Closeouts, "", version: "1.0.0"))).Reply).Code);
        var (_, reply) = await PostAsync("productdata2", Request(Pd, "GetProductRequest", "<shar:localizationCountry>US</shar:localizationCountry><shar:localizationLanguage>en</shar:localizationLanguage>"));
        Assert.Equal(("120", "Required field(s) missing: productId"), Error(reply));
    }

    [Fact]
    public async Task UnknownProductsGetEachServicesOwnCodeAndErrorElement()
    {
        const string loc = "<shar:localizationCountry>US</shar:localizationCountry><shar:localizationLanguage>en</shar:localizationLanguage>";
        var pd = (await PostAsync("productdata2", Request(Pd, "GetProductRequest", loc + "<shar:productId>NOPE</shar:productId>"))).Reply;
        Assert.Equal(("130", "ServiceMessageArray"), (Error(pd).Code, pd.Elements().Single().Name.LocalName));
        var ppc = (await PostAsync("ppc", Request(Ppc, "GetConfigurationAndPricingRequest",
            "<shar:productId>NOPE</shar:productId><shar:currency>USD</shar:currency><shar:fobId>1</shar:fobId><shar:priceType>List</shar:priceType>" + loc +
            "<shar:configurationType>Blank</shar:configurationType>", version: "1.0.0"))).Reply;
        Assert.Equal(("400", "ErrorMessage"), (Error(ppc).Code, ppc.Elements().Single().Name.LocalName));
        var media = (await PostAsync("media", Request(Media, "GetMediaContentRequest", "<shar:mediaType>Image</shar:mediaType><shar:productId>NOPE</shar:productId>", version: "1.1.0"))).Reply;
        Assert.Equal(("130", "errorMessage"), (Error(media).Code, media.Elements().Single().Name.LocalName));
        var inv = (await PostAsync("inventory2", Request(Inv, "GetInventoryLevelsRequest", "<shar:productId>NOPE</shar:productId>"))).Reply;
        Assert.Equal(("600", "ServiceMessageArray"), (Error(inv).Code, inv.Elements().Single().Name.LocalName));
    }

    [Fact]
    public async Task PricingChecksCurrencyAndFobId()
    {
        const string tail = "<shar:priceType>List</shar:priceType><shar:localizationCountry>US</shar:localizationCountry><shar:localizationLanguage>en</shar:localizationLanguage><shar:configurationType>Blank</shar:configurationType>";
        var eur = (await PostAsync("ppc", Request(Ppc, "GetConfigurationAndPricingRequest", "<shar:productId>SIM-000001</shar:productId><shar:currency>EUR</shar:currency><shar:fobId>1</shar:fobId>" + tail, version: "1.0.0"))).Reply;
        Assert.Equal("401", Error(eur).Code);
        var fob = (await PostAsync("ppc", Request(Ppc, "GetConfigurationAndPricingRequest", "<shar:productId>SIM-000001</shar:productId><shar:currency>USD</shar:currency><shar:fobId>99</shar:fobId>" + tail, version: "1.0.0"))).Reply;
        Assert.Equal("403", Error(fob).Code);
    }

    [Fact]
    public async Task UnparseableRequestsAndUnknownOperationsAreSoapFaults()
    {
        var (status, fault) = await PostAsync("productdata2", "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><oops");
        Assert.Equal((HttpStatusCode.InternalServerError, "Fault"), (status, fault.Name.LocalName));
        Assert.Equal("soapenv:Client", fault.Element("faultcode")!.Value);
        (status, fault) = await PostAsync("inventory2", Request(Inv, "GetProductRequest", ""));
        Assert.Equal((HttpStatusCode.InternalServerError, "Fault"), (status, fault.Name.LocalName));
    }

    [Fact]
    public async Task TheAdminEndpointChangesKnobsRejectsNonsenseAndAdvancesTime()
    {
        var knobs = await (await _http.PatchAsJsonAsync("admin/knobs", new { fault_rate = 1.0, latency_min_ms = 5 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1.0, 5, 5), (knobs.GetProperty("fault_rate").GetDouble(), knobs.GetProperty("latency_min_ms").GetInt32(), knobs.GetProperty("latency_max_ms").GetInt32()));
        using (var content = new StringContent(Request(Pd, Closeouts, ""), Encoding.UTF8, "text/xml"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, (await _http.PostAsync("productdata2", content)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await _http.PatchAsJsonAsync("admin/knobs", new { fault_rate = 2.0 })).StatusCode);
        Assert.Equal(0, (await (await _http.DeleteAsync("admin/knobs")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fault_rate").GetDouble());
        var advanced = await (await _http.PostAsJsonAsync("admin/advance", new { products = 4 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, advanced.GetProperty("modified").GetArrayLength());
        var summary = await _http.GetFromJsonAsync<JsonElement>("admin/catalog");
        Assert.Equal(30, summary.GetProperty("products").GetInt32());
    }
}
