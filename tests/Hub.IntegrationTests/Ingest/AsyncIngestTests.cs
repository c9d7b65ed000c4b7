using System.Net;
using CatalogHub.IntegrationTests.Infrastructure;

namespace CatalogHub.IntegrationTests.Ingest;

public class AsyncIngestTests(TestHub hub) : IClassFixture<TestHub>
{
    [Fact]
    public async Task MoreThanAHundredEntriesRunInTheBackgroundWithResultsInSubmissionOrder()
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var entries = Enumerable.Range(0, 250).Select(i => ($"e{i:D3}", i % 50 == 7
            ? (object)new { title = "broken", variants = Array.Empty<object>() }
            : IngestTestData.Product($"Async Product {i}", $"AS-{i}")));
        var client = hub.Client();

        var (response, accepted) = await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body(entries));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("pending", accepted.GetProperty("status").GetString());
        Assert.Equal("Batch of 250 entries accepted for processing", accepted.GetProperty("message").GetString());
        var jobId = accepted.GetProperty("job_id").GetString();
        Assert.Equal(new Uri(hub.BaseAddress, $"/api/v1/jobs/{jobId}").ToString(), accepted.GetProperty("links").GetProperty("status").GetString());
        var status = await HubClients.EventuallyAsync(() => client.GetJsonAsync($"/api/v1/jobs/{jobId}"),
            s => s.GetProperty("status").GetString() is "completed" or "completed_with_errors" or "failed", TimeSpan.FromSeconds(60), "job finished");
        Assert.Equal("completed_with_errors", status.GetProperty("status").GetString());
        Assert.Equal(100, status.GetProperty("progress_percent").GetInt32());
        var summary = status.GetProperty("summary");
        Assert.Equal((250, 245, 245, 5), (summary.GetProperty("total").GetInt32(), summary.GetProperty("processed").GetInt32(), summary.GetProperty("created").GetInt32(), summary.GetProperty("errors").GetInt32()));

        var page = await client.GetJsonAsync($"/api/v1/jobs/{jobId}/results?limit=100&offset=200");
        Assert.Equal(250, page.GetProperty("total_results").GetInt32());
        Assert.False(page.GetProperty("pagination").GetProperty("has_more").GetBoolean());
        Assert.Equal([.. Enumerable.Range(200, 50).Select(i => $"e{i:D3}")], page.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("entry_id").GetString()!).ToArray());
        var errors = await client.GetJsonAsync($"/api/v1/jobs/{jobId}/errors");
        Assert.Equal(5, errors.GetProperty("total_errors").GetInt32());
        Assert.Equal("broken", errors.GetProperty("errors")[0].GetProperty("data").GetProperty("title").GetString());
        var onlyErrors = await client.GetJsonAsync($"/api/v1/jobs/{jobId}/results?status=error");
        Assert.Equal(5, onlyErrors.GetProperty("total_results").GetInt32());

        var admin = await client.GetJsonAsync($"/api/v1/admin/import-jobs/{jobId}");
        Assert.Equal(("api_product", "api", 245, 5), (admin.GetProperty("import_job").GetProperty("file_type").GetString(), admin.GetProperty("import_job").GetProperty("source").GetString(),
            admin.GetProperty("import_job").GetProperty("processed_rows").GetInt32(), admin.GetProperty("import_job").GetProperty("error_rows").GetInt32()));
        var adminErrors = await client.GetJsonAsync($"/api/v1/admin/import-jobs/{jobId}/errors");
        Assert.Equal(5, adminErrors.GetProperty("total").GetInt32());
        Assert.Equal(8, adminErrors.GetProperty("errors")[0].GetProperty("row_number").GetInt32());
        var outbox = await client.GetJsonAsync($"/api/v1/admin/import-jobs/{jobId}/outbox?status=pending,failed&limit=10");
        Assert.Equal(245, outbox.GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal("create", outbox.GetProperty("outbox_events")[0].GetProperty("event_type").GetString());
        Assert.Equal(0L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM ingest_payloads WHERE job_id = $1", long.Parse(jobId!, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("/api/v1/jobs/abc")]
    [InlineData("/api/v1/jobs/99999999")]
    [InlineData("/api/v1/jobs/99999999/results")]
    public async Task UnknownJobsAnswer404WithTheContractBody(string path)
    {
        using var response = await hub.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("{\"error\":\"Job not found\"}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("status=done", "status")]
    public async Task BadResultQueriesAnswer422(string query, string field)
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var (_, created) = await hub.Client().PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("p", IngestTestData.Product("Query", "Q-1"))]));

        using var response = await hub.Client().GetAsync($"/api/v1/jobs/{created.GetProperty("job_id").GetString()}/results?{query}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
