using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace CatalogHub.IntegrationTests.Ingest;

/// <summary>
/// The contract the <see cref="ContractTests"/> validate against, and <see cref="OpenApiSpec"/> itself: the
/// vendored spec is the shared one, its own examples pass, and the validation refuses what 2020-12 refuses.
/// No hub needed.
/// </summary>
public class IngestSpecTests
{
    private static OpenApiSpec Spec => OpenApiSpec.ShopifyBridge;

    public static TheoryData<string, string, string> ResponseExamples()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (_, _, operation) in Spec.Operations())
        {
            var id = (string)operation["operationId"]!;
            foreach (var status in Spec.ResponseStatuses(id))
            {
                foreach (var name in Spec.ResponseExamples(id, status).Keys)
                {
                    data.Add(id, status, name);
                }
            }
        }

        return data;
    }

    [Fact]
    public void TheVendoredSpecIsTheSharedOne()
    {
        // CI and developers have shared/ beside the clone; a clean clone alone does not, and then there is nothing to compare.
        var root = SiloProcess.RepositoryRoot();
        var shared = Path.Combine(root, "..", "shared", "spec", "shopify-bridge-openapi.yaml");
        if (!File.Exists(shared))
        {
            return;
        }

        Assert.True(
            File.ReadAllText(shared) == File.ReadAllText(Path.Combine(root, "docs", "spec", "shopify-bridge-openapi.yaml")),
            "docs/spec/shopify-bridge-openapi.yaml differs from shared/spec: copy it again (docs/spec/README.md).");
    }

    [Fact]
    public void TheSpecHasTheElevenOperationsAndEachIsFoundByItsPath()
    {
        var operations = Spec.Operations().ToList();

        Assert.Equal(
            ["getImportJob", "getImportJobErrors", "getImportJobOutbox", "getImportJobResults", "getJobErrors", "getJobResults", "getJobStatus",
             "ingestInventory", "ingestPOS", "ingestPrices", "ingestProducts"],
            operations.Select(o => (string)o.Operation["operationId"]!).Order(StringComparer.Ordinal).ToArray());
        Assert.All(operations, o => Assert.Equal((string)o.Operation["operationId"]!, Spec.FindOperationId(o.Method.ToUpperInvariant(), o.Path.Replace("{store_number}", "9975").Replace("{job_id}", "27").Replace("{id}", "27"))));
        Assert.Null(Spec.FindOperationId("GET", "/api/v1/jobs/27/unknown"));
        Assert.Null(Spec.FindOperationId("DELETE", "/api/v1/jobs/27"));
    }

    [Fact]
    public void EveryDocumentedResponseHasAJsonSchemaThatBuilds()
    {
        foreach (var (_, _, operation) in Spec.Operations())
        {
            var id = (string)operation["operationId"]!;
            foreach (var status in Spec.ResponseStatuses(id))
            {
                Assert.NotNull(Spec.ResponseSchema(id, int.Parse(status, System.Globalization.CultureInfo.InvariantCulture)));
                // Building the schema resolves every $ref in it; "{}" is then valid or not, but never throws.
                _ = Spec.ValidateResponse(id, int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), "{}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ResponseExamples))]
    public void TheSpecsResponseExamplesMatchTheirSchemas(string operationId, string status, string example)
    {
        var json = Spec.ResponseExamples(operationId, status)[example].ToString(Formatting.None);

        var errors = Spec.ValidateResponse(operationId, int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), json);

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [InlineData("ingestProducts", "minimalProduct", "ProductIngestRequest")]
    [InlineData("ingestPOS", "posUpdate", "POSIngestRequest")]
    [InlineData("ingestInventory", "deltaUpdate", "InventoryIngestRequest")]
    [InlineData("ingestInventory", "initialSet", "InventoryIngestRequest")]
    [InlineData("ingestPrices", "regularPrice", "PriceIngestRequest")]
    [InlineData("ingestPrices", "salePrice", "PriceIngestRequest")]
    public void TheSpecsRequestExamplesMatchTheirSchemas(string operationId, string example, string schema)
    {
        var errors = Spec.ValidateSchema(schema, Spec.RequestExample(operationId, example).ToString(Formatting.None));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void TheMultiVariantExampleBreaksOnlyTheHandlePattern()
    {
        // Its handles contain '---', which the handle pattern refuses; the hub accepts them (docs/ingestion.md).
        var errors = Spec.ValidateSchema("ProductIngestRequest", Spec.RequestExample("ingestProducts", "multiVariantProduct").ToString(Formatting.None));

        Assert.Equal(
            ["PatternMismatch at #/entries[0].data.handle (value: \"1-4z-pwrbl-sm-e-wd-scarl-xs---925658-1\")",
             "PatternMismatch at #/entries[1].data.handle (value: \"12x40-cooling-towe-team1-------432088-1\")"],
            errors.Where(e => !e.StartsWith("ArrayItemNotValid", StringComparison.Ordinal)).Select(e => e.Trim()).ToArray());
    }

    [Theory]
    // The contract's shapes as the hub sends them.
    [InlineData("EntryResult", """{"entry_id":"a","status":"success","action":"created","product_id":12,"variant_ids":[1,2]}""", true)]
    [InlineData("EntryResult", """{"entry_id":"a","status":"error","error":{"type":"validation","message":"m"}}""", true)]
    [InlineData("EntryResult", """{"entry_id":"a","status":"error","error":{"type":"validation","message":"m","field":null}}""", true)]
    [InlineData("EntryResult", """{"entry_id":"a","status":"success","product_id":null,"variant_ids":null}""", true)]
    // A type that allows null does not let null past an enum without it (2020-12; NJsonSchema alone would).
    [InlineData("EntryResult", """{"entry_id":"a","status":"error","action":null}""", false)]
    [InlineData("ImportResult", """{"status":"error","action":null}""", false)]
    [InlineData("EntryResult", """{"entry_id":"a","status":"error","error":null}""", false)]
    [InlineData("EntryResult", """{"entry_id":"a","status":"done"}""", false)]
    [InlineData("EntryResult", """{"entry_id":"a","status":"success","variant_ids":["1"]}""", false)]
    [InlineData("EntryResult", """{"status":"success"}""", false)]
    [InlineData("SyncIngestResponse", """{"job_id":"1","status":"completed","summary":{"total":0,"processed":0,"created":0,"updated":0,"errors":0}}""", false)]
    [InlineData("SyncIngestResponse", """{"job_id":1,"status":"completed","summary":{"total":0,"processed":0,"created":0,"updated":0,"errors":0},"results":[]}""", false)]
    [InlineData("JobSummary", """{"total":1,"processed":1,"created":1,"updated":0,"errors":-1}""", false)]
    // format uri: an absolute URI, not a path; int64 on a string is an annotation only.
    [InlineData("AsyncIngestResponse", """{"job_id":"27","status":"pending","message":"m","links":{"status":"http://127.0.0.1:5000/api/v1/jobs/27","results":"http://127.0.0.1:5000/api/v1/jobs/27/results"}}""", true)]
    [InlineData("AsyncIngestResponse", """{"job_id":"27","status":"pending","message":"m","links":{"status":"/api/v1/jobs/27","results":"/api/v1/jobs/27/results"}}""", false)]
    [InlineData("AsyncIngestResponse", """{"job_id":"x","status":"pending","message":"m","links":{"status":"http://h/1","results":"http://h/1/results"}}""", true)]
    // format date-time: RFC 3339, as System.Text.Json writes a DateTimeOffset.
    [InlineData("JobStatus", """{"job_id":"27","status":"completed","created_at":"2025-01-06T10:30:00.123456+00:00","updated_at":"2025-01-06T10:30:00Z","completed_at":null,"progress_percent":100,"summary":{"total":0,"processed":0,"created":0,"updated":0,"errors":0}}""", true)]
    [InlineData("JobStatus", """{"job_id":"27","status":"completed","created_at":"2025-01-06 10:30:00","updated_at":"2025-01-06T10:30:00Z","progress_percent":100,"summary":{"total":0,"processed":0,"created":0,"updated":0,"errors":0}}""", false)]
    [InlineData("JobStatus", """{"job_id":"27","status":"completed","created_at":"2025-01-06T10:30:00Z","updated_at":"2025-01-06T10:30:00Z","progress_percent":101,"summary":{"total":0,"processed":0,"created":0,"updated":0,"errors":0}}""", false)]
    [InlineData("OutboxEvent", """{"id":1,"store_number":null}""", false)]
    [InlineData("ErrorEntry", """{"entry_id":"a","error":{"type":"resolution","message":"m"},"data":[]}""", false)]
    public void ValidationFollowsJsonSchema2020(string schema, string json, bool valid)
    {
        var errors = Spec.ValidateSchema(schema, json);

        Assert.True(valid == (errors.Count == 0), valid ? string.Join("\n", errors) : "expected problems, found none");
    }

    [Fact]
    public void ResponsesAreValidatedAgainstTheOperationsSchemaForTheStatus()
    {
        Assert.Empty(Spec.ValidateResponse("ingestProducts", 400, """{"error":"All entries failed validation","details":[{"entry_id":"a"}]}"""));
        Assert.Empty(Spec.ValidateResponse("ingestProducts", 422, """{"error":"Request validation failed","validation_errors":[{"field":"entries","message":"m"}]}"""));
        Assert.NotEmpty(Spec.ValidateResponse("ingestProducts", 422, """{"error":"Request validation failed"}"""));
        Assert.NotEmpty(Spec.ValidateResponse("getJobStatus", 404, """{"title":"Not Found","status":404}"""));
        Assert.NotEmpty(Spec.ValidateResponse("getJobStatus", 404, "not json"));
        Assert.NotEmpty(Spec.ValidateResponse("getJobStatus", 404, """{"error":"a"} {"error":"b"}"""));
        var undocumented = Assert.Throws<KeyNotFoundException>(() => Spec.ValidateResponse("getImportJob", 401, """{"error":"x"}"""));
        Assert.Contains("documents no 401", undocumented.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeywordTheValidationDoesNotHandleIsRefused()
    {
        var yaml = """
            openapi: 3.1.0
            paths: {}
            components:
              schemas:
                Choice:
                  oneOf:
                    - type: string
                    - type: integer
            """;

        var e = Assert.Throws<NotSupportedException>(() => OpenApiSpec.Parse(yaml));

        Assert.Contains("'oneOf'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestExamplesAreReadFromTheSpec()
    {
        var example = Spec.RequestExample("ingestInventory", "initialSet");

        Assert.Equal("initial", (string?)example.SelectToken("options.mode"));
        Assert.Equal(JTokenType.Integer, example.SelectToken("entries[0].data.on_hand")!.Type);
        Assert.Equal(JTokenType.Float, Spec.RequestExample("ingestPrices", "regularPrice").SelectToken("entries[0].data.price")!.Type);
    }
}
