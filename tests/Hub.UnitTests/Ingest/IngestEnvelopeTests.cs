using System.Text;
using System.Text.Json;
using CatalogHub.Api.Ingest;
using CatalogHub.Grains.Ingest;

namespace CatalogHub.UnitTests.Ingest;

/// <summary>The envelope's one-pass check: the answers a document's member lookups gave.</summary>
public class IngestEnvelopeTests
{
    private const string Ok = """{"entry_id":"a","data":{"x":[1,{"y":2}]}}""";

    [Fact]
    public void ValidEnvelopeCountsEntriesAndReadsKeyAndOptions()
    {
        var (envelope, errors) = Parse($$"""{"options":{"validate_only":true,"mode":"initial"},"entries":[{{Ok}},{{Ok}}],"idempotency_key":"k"}""", IngestKind.Inventory);
        Assert.Empty(errors);
        Assert.Equal(new IngestEnvelope("k", true, false, true, 2), envelope);
    }

    [Fact]
    public void ModeIsReadForInventoryOnly()
    {
        Assert.Equal(new IngestEnvelope(null, false, false, false, 1), Parse($$$"""{"entries":[{{{Ok}}}],"options":{"mode":7}}""", IngestKind.Products).Envelope);
        Assert.Equal(["options.mode: must be one of: initial, delta"], Errors($$$"""{"entries":[{{{Ok}}}],"options":{"mode":7}}""", IngestKind.Inventory));
    }

    [Fact]
    public void ProblemsComeInFieldOrderWhateverTheBodysOrder()
    {
        var errors = Errors("""{"options":{"force_sync":"yes"},"entries":[5,{"data":[]},{"entry_id":"","data":null}],"idempotency_key":3}""");
        Assert.Equal(
        [
            "idempotency_key: must be a string",
            "entries[0]: must be an object",
            "entries[1].entry_id: is required",
            "entries[1].data: must be an object",
            "entries[2].entry_id: must be 1 to 255 characters",
            "entries[2].data: is required",
            "options.force_sync: must be a boolean",
        ], errors);
    }

    [Fact]
    public void FieldNamedTwiceCountsAsItsLastValue()
    {
        var (envelope, _) = Parse("""{"entries":5,"idempotency_key":1,"idempotency_key":"k","entries":[{"entry_id":2,"entry_id":"a","data":1,"data":{}}],"options":{"force_sync":1},"options":{"force_sync":true}}""");
        Assert.Equal(new IngestEnvelope("k", false, true, false, 1), envelope);
    }

    [Fact]
    public void OverTheEntryLimitOnlyTheCountAnswers()
    {
        Assert.Equal(["entries: must contain at most 2 items"], Errors("""{"entries":[1,2,{}]}""", maxEntries: 2));
        Assert.Equal(["entries: must contain at least 1 item"], Errors("""{"entries":[]}"""));
    }

    [Theory]
    [InlineData("[]", "body: must be a JSON object")]
    [InlineData("{}", "entries: is required")]
    [InlineData("""{"entries":null}""", "entries: is required")]
    [InlineData("""{"entries":{}}""", "entries: must be an array")]
    [InlineData("""{"entries":[{"entry_id":"a","data":{}}],"options":[]}""", "options: must be an object")]
    public void EnvelopeShapeProblems(string body, string error) => Assert.Equal([error], Errors(body));

    [Theory]
    [InlineData("")]
    [InlineData("[1,")]
    [InlineData("{\"entries\":[]} x")]
    [InlineData("{\"entries\":[{\"entry_id\":\"a\",\"data\":{}},]}")]
    public void MalformedJsonAnywhereIsAJsonExceptionWithTheDocumentsMessage(string body)
    {
        var expected = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(Encoding.UTF8.GetBytes(body).AsMemory(), new JsonDocumentOptions { MaxDepth = 64 }));
        var actual = Assert.ThrowsAny<JsonException>(() => Parse(body));
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void MalformedJsonAfterAnInvalidUtf8KeyIsStillMalformedJson()
    {
        byte[] body = [.. "{\"idempotency_key\":\""u8, 0xC3, 0x28, .. "\",\"entries\":[}"u8];
        Assert.ThrowsAny<JsonException>(() => IngestEnvelope.Parse(body, IngestKind.Products, 10));
        byte[] wellFormed = [.. "{\"idempotency_key\":\""u8, 0xC3, 0x28, .. "\",\"entries\":[]}"u8];
        Assert.Throws<InvalidOperationException>(() => IngestEnvelope.Parse(wellFormed, IngestKind.Products, 10));
    }

    private static (IngestEnvelope? Envelope, IReadOnlyList<CatalogHub.Api.Problems.FieldError> Errors) Parse(string body, IngestKind kind = IngestKind.Products, int maxEntries = 10) =>
        IngestEnvelope.Parse(Encoding.UTF8.GetBytes(body), kind, maxEntries);

    private static string[] Errors(string body, IngestKind kind = IngestKind.Products, int maxEntries = 10) =>
        [.. Parse(body, kind, maxEntries).Errors.Select(e => $"{e.Field}: {e.Message}")];
}
