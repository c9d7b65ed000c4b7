using System.Net;

namespace CatalogHub.IntegrationTests.Ingest;

/// <summary>Issue 8: the job and import-job routes answer bad queries and unknown jobs in the spec's shapes.</summary>
public class JobContractTests(ContractHub hub) : IClassFixture<ContractHub>
{
    [Theory]
    [InlineData("/api/v1/jobs/{0}/results?limit=0")]
    [InlineData("/api/v1/jobs/{0}/results?status=done")]
    [InlineData("/api/v1/admin/import-jobs/{0}/results?offset=-1")]
    [InlineData("/api/v1/admin/import-jobs/{0}/outbox?status=done")]
    public async Task BadQueryParametersAnswer422InTheSpecsValidationErrorShape(string path)
    {
        // The spec lists no 422 for these GETs (nor says what a bad limit, offset or status filter gets); the hub
        // answers 422 with the envelope's ValidationErrorResponse, so that is the shape checked.
        await hub.SeededAsync();
        var client = hub.Client();
        using var created = await client.PostRawAsync("/api/v1/ingest/products/9975", """{"entries":[{"entry_id":"q","data":{"title":"Query Product","variants":[{"sku":"CT-Q-1"}]}}]}""");
        var jobId = (await created.MatchesSpecAsync(HttpStatusCode.OK)).GetProperty("job_id").GetString()!;

        using var response = await client.GetAsync(path.Replace("{0}", jobId, StringComparison.Ordinal));

        var json = await response.MatchesSchemaAsync(HttpStatusCode.UnprocessableEntity, "ValidationErrorResponse");
        Assert.Equal("Request validation failed", json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/api/v1/jobs/{0}")]
    [InlineData("/api/v1/jobs/{0}/results")]
    [InlineData("/api/v1/jobs/{0}/errors")]
    [InlineData("/api/v1/admin/import-jobs/{0}")]
    [InlineData("/api/v1/admin/import-jobs/{0}/results")]
    [InlineData("/api/v1/admin/import-jobs/{0}/outbox")]
    [InlineData("/api/v1/admin/import-jobs/{0}/errors")]
    public async Task UnknownJobsAnswer404WithTheNotFoundBody(string path)
    {
        var client = hub.Client();

        foreach (var id in new[] { "99999999", "abc" })
        {
            using var response = await client.GetAsync(path.Replace("{0}", id, StringComparison.Ordinal));

            var json = await response.MatchesSpecAsync(HttpStatusCode.NotFound);
            Assert.EndsWith("not found", json.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        }
    }
}
