using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Bench.Driver;

namespace CatalogHub.Bench.Scenarios.Ingest;

/// <summary>
/// Sends batches to <c>POST /api/v1/ingest/products/{store}</c> as a client would: <c>inFlight</c> clients, each
/// posting its next batch (202 + job id), polling <c>GET /api/v1/jobs/{id}</c> until the job has finished, then
/// taking the next batch. Times from the first POST to the last job seen finished; records each POST's latency.
/// </summary>
public static class IngestJobs
{
    /// <summary>How often a client asks for its job's status (the resolution of the end of a job).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>A job that makes no progress for this long counts as stuck (a failed check, not a hung run).</summary>
    public static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(3);

    public sealed record Job(int Batch, long Id, string Status, int Total, int Processed, int Created, int Updated, int Errors, double Seconds);

    public sealed record Outcome(Latencies Posts, Latencies Jobs, double Seconds, IReadOnlyList<Job> Finished, IReadOnlyList<string> Failures)
    {
        public long[] JobIds => [.. Finished.Select(j => j.Id)];
    }

    /// <summary>
    /// Runs <paramref name="batches"/> batches (<paramref name="body"/> of the batch number) through the clients in
    /// <paramref name="https"/> (one client = one batch in flight at a time).
    /// </summary>
    public static async Task<Outcome> RunAsync(IReadOnlyList<HttpClient> https, string storeNumber, int batches, Func<int, byte[]> body, Progress progress)
    {
        var posts = new Latencies();
        var jobs = new Latencies();
        var finished = new ConcurrentBag<Job>();
        var failures = new ConcurrentQueue<string>();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(https.Select(http => Task.Run(async () =>
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches)
            {
                try
                {
                    finished.Add(await RunOneAsync(http, storeNumber, b, body(b), posts, jobs, progress));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException or KeyNotFoundException)
                {
                    failures.Enqueue($"batch {b}: {e.GetType().Name}: {e.Message}");
                }
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        return new Outcome(posts, jobs, seconds, [.. finished.OrderBy(j => j.Batch)], [.. failures]);
    }

    private static async Task<Job> RunOneAsync(HttpClient http, string storeNumber, int batch, byte[] body, Latencies posts, Latencies jobs, Progress progress)
    {
        var started = Stopwatch.GetTimestamp();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync($"/api/v1/ingest/products/{Uri.EscapeDataString(storeNumber)}", content);
        posts.RecordSince(started);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST answered {(int)response.StatusCode}, not 202: {text[..Math.Min(text.Length, 300)]}");
        }

        var jobId = JsonDocument.Parse(text).RootElement.GetProperty("job_id").GetString()!;
        var counted = 0;
        var lastChange = Stopwatch.GetTimestamp();
        while (true)
        {
            await Task.Delay(PollInterval);
            var status = await http.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{jobId}");
            var summary = status.GetProperty("summary");
            int Count(string name) => summary.GetProperty(name).GetInt32();
            var done = Count("processed") + Count("errors");
            if (done != counted)
            {
                progress.Add(done - counted);
                counted = done;
                lastChange = Stopwatch.GetTimestamp();
            }

            var state = status.GetProperty("status").GetString()!;
            if (state is "completed" or "completed_with_errors" or "failed")
            {
                jobs.RecordSince(started);
                return new Job(batch, long.Parse(jobId, CultureInfo.InvariantCulture), state, Count("total"), Count("processed"), Count("created"), Count("updated"), Count("errors"),
                    Stopwatch.GetElapsedTime(started).TotalSeconds);
            }

            if (Stopwatch.GetElapsedTime(lastChange) > StallLimit)
            {
                throw new InvalidOperationException($"job {jobId} made no progress for {StallLimit.TotalMinutes:F0} minutes (status {state}, {done} entries done)");
            }
        }
    }
}
