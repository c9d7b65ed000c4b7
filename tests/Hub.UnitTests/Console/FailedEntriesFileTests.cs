using System.Text;
using System.Text.Json.Nodes;
using CatalogHub.Api.Console;
using CatalogHub.Api.Ingest;

namespace CatalogHub.UnitTests.Console;

public class FailedEntriesFileTests
{
    private static ResultRow Failed(int row, string? entry, string data, string message, string? field = "title") =>
        new(row, row, entry, "error", null, null, null, "validation", message, field, data, DateTimeOffset.UnixEpoch);

    private static readonly ResultRow[] Rows =
    [
        Failed(2, "a", """{"vendor": "Acme, \"Inc\"", "n": 1.50}""", "title is required"),
        Failed(3, "b", """{"title": "line\nbreak é"}""", "too long, really", field: null),
    ];

    [Fact]
    public void JsonIsAnIngestionEnvelopeOfTheEntriesAsSent()
    {
        var envelope = JsonNode.Parse(FailedEntriesFile.Json(Rows))!;
        var expected = JsonNode.Parse("""
            {"entries": [
              {"entry_id": "a", "data": {"vendor": "Acme, \"Inc\"", "n": 1.50}},
              {"entry_id": "b", "data": {"title": "line\nbreak é"}}
            ]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, envelope), envelope.ToJsonString());
    }

    [Fact]
    public void NoFailuresIsAnEmptyEnvelope() =>
        Assert.Equal("""{"entries":[]}""", JsonNode.Parse(FailedEntriesFile.Json([]))!.ToJsonString());

    [Fact]
    public void CsvQuotesWhatMustBeQuotedAndKeepsTheDataAsJson()
    {
        var csv = Encoding.UTF8.GetString(FailedEntriesFile.Csv(Rows));
        Assert.Equal(
            "entry_id,data,error_type,error_field,error_message\r\n"
            + "a,\"{\"\"vendor\"\":\"\"Acme, \\\"\"Inc\\\"\"\"\",\"\"n\"\":1.50}\",validation,title,title is required\r\n"
            + "b,\"{\"\"title\"\":\"\"line\\nbreak é\"\"}\",validation,,\"too long, really\"\r\n",
            csv);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(" padded", "\" padded\"")]
    public void FieldsFollowRfc4180(string value, string expected) => Assert.Equal(expected, FailedEntriesFile.Field(value));
}
