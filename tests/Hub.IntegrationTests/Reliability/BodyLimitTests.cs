using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;

namespace CatalogHub.IntegrationTests.Reliability;

/// <summary>One silo as its own OS process, so its memory is its own (/proc/{pid}/status).</summary>
public sealed class BodyLimitSilo : IAsyncLifetime
{
    public string AdminKey { get; } = Api.Auth.ApiKeySecret.Generate();

    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var postgres = await TestPostgres.InstanceAsync();
        Silo = SiloProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Hub"] = await postgres.CreateMigratedDatabaseAsync(),
            ["Hub__ClusterId"] = $"test-{Guid.NewGuid():N}",
            ["Hub__BootstrapAdminKey"] = AdminKey,
            ["Hub__Ingest__Limits__RequestsPerMinute"] = "1000000",
        });
        await Silo.WaitHealthyAsync();
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}

/// <summary>
/// Bodies over the limits are refused with 413 before they are read whole: 20 clients send 100 MB each (and feeds declared at 2 GiB) at once
/// (generated as they are sent, never held), and the silo's resident memory must not grow by more than 100 MB.
/// </summary>
public class BodyLimitTests(BodyLimitSilo hub, ITestOutputHelper output) : IClassFixture<BodyLimitSilo>
{
    private const long HundredMegabytes = 100L * 1024 * 1024;

    private const long AllowedGrowth = 100L * 1024 * 1024;

    [Fact]
    public async Task TwentyClientsSending100MbBodiesGet413AndTheSiloStaysSmall()
    {
        using (var warm = HubClients.For(hub.Silo.BaseAddress, hub.AdminKey))
        {
            // Warm the paths (JIT, pools) so the baseline is the silo at work, not the silo at rest.
            await warm.PostAsync("/api/v1/ingest/products/0001", new StringContent("{}", Encoding.UTF8, "application/json"));
            await warm.PostAsync("/api/categories", new StringContent("{}", Encoding.UTF8, "application/json"));
        }

        var baseline = ResidentBytes(hub.Silo.ProcessId);
        var peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentBytes(hub.Silo.ProcessId));
                await Task.Delay(50);
            }
        });

        // Declared (Content-Length) and chunked bodies, to the ingestion API (its own 10 MB limit) and to an ordinary
        // JSON endpoint (the server's limit); a JSON string that never ends is the worst case for a buffering parser.
        // A feed declared larger than Hub:Imports:MaxBodyBytes (1 GiB) is refused at once as well.
        const string Entries = "{\"entry_id\":\"e\",\"data\":{\"title\":\"t\"}},";
        var sends = Enumerable.Range(0, 20).Select(i => (i % 5) switch
        {
            0 => ("/api/v1/ingest/products/0001", true, "{\"entries\":[", Entries, HundredMegabytes),
            1 => ("/api/v1/ingest/products/0001", false, "{\"entries\":[", Entries, HundredMegabytes),
            2 => ("/api/categories", true, "{\"name\":\"", "xxxxxxxxxxxxxxxx", HundredMegabytes),
            3 => ("/api/categories", false, "{\"name\":\"", "xxxxxxxxxxxxxxxx", HundredMegabytes),
            _ => ("/api/v1/catalogs/store:0001/imports?type=full", true, "", "{\"key\":\"k\",\"name\":\"n\",\"variants\":[]}\n", 2L << 30),
        }).ToList();
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(sends.Select(async s =>
        {
            var (status, body, sent) = await PostAsync(hub.Silo.BaseAddress, s.Item1, hub.AdminKey, s.Item3, s.Item4, s.Item5, declareLength: s.Item2);
            return (Send: $"{s.Item1} {(s.Item2 ? "Content-Length" : "chunked")}", status, body, Sent: sent);
        }));
        clock.Stop();
        await sampling.CancelAsync();
        await sampler;

        var growth = peak - baseline;
        output.WriteLine($"body limits: {results.Length} clients × 100 MB (2 GiB declared for feeds) in {clock.Elapsed.TotalSeconds:F1} s; silo RSS {baseline / 1048576} MB → peak {peak / 1048576} MB "
            + $"(+{growth / 1048576} MB); sent before the answer: {string.Join(", ", results.Select(r => $"{r.Sent / 1048576} MB"))}");
        foreach (var r in results)
        {
            Assert.True(r.status == 413, $"{r.Send}: {r.status} {r.body}");
            Assert.True(r.body.Length > 0, $"{r.Send}: a 413 without a body");
        }

        Assert.True(growth <= AllowedGrowth, $"the silo grew by {growth / 1048576} MB while refusing 100 MB bodies (allowed: {AllowedGrowth / 1048576} MB)");
    }

    [Fact]
    public async Task AClientSendingAWholeOversizedBodyBeforeReadingReadsIts413AndKeepsItsConnection()
    {
        // As HttpClient sends by default: the whole body (4 MB, over the 1 MiB limit), then reads. Before the server
        // refused declared lengths up front, the binder met the limit part-way and the server closed the connection
        // with the body unread: now and then the client's send was reset and it never saw the 413.
        using var client = HubClients.For(hub.Silo.BaseAddress, hub.AdminKey);
        var body = Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', 4 << 20) + "\"}");
        for (var i = 0; i < 10; i++)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync("/api/categories", content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.RequestEntityTooLarge, $"attempt {i}: {(int)response.StatusCode} {text}");
            Assert.Contains("larger than the 1048576 bytes", text, StringComparison.Ordinal);
            Assert.True(response.Headers.ConnectionClose != true, $"attempt {i}: the server closed the connection after its 413");
        }

        // The ingestion endpoints keep their own, larger limit: a 4 MB body is read and judged, not refused as too large.
        var entries = Encoding.UTF8.GetBytes("{\"entries\":[{\"entry_id\":\"e\",\"data\":{\"title\":\"" + new string('x', 4 << 20) + "\"}}]}");
        using var ingest = new ByteArrayContent(entries);
        ingest.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var accepted = await client.PostAsync("/api/v1/ingest/products/0001", ingest);
        Assert.NotEqual(System.Net.HttpStatusCode.RequestEntityTooLarge, accepted.StatusCode);
    }

    private static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no VmRSS");
    }

    /// <summary>
    /// POSTs a generated body of <paramref name="total"/> bytes over a raw HTTP/1.1 connection, reading the answer while it
    /// sends: HttpClient reports a server that answers and closes before the body is sent as a broken pipe, not as its
    /// answer. Stops sending once the answer is complete. The status, the body and how much was sent.
    /// </summary>
    private static async Task<(int Status, string Body, long Sent)> PostAsync(Uri address, string path, string key, string head, string chunk, long total, bool declareLength)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(address.Host, address.Port);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var headers = $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {key}\r\nContent-Type: {(path.Contains("/imports", StringComparison.Ordinal) ? "application/x-ndjson" : "application/json")}\r\n"
            + (declareLength ? $"Content-Length: {total}\r\n" : "Transfer-Encoding: chunked\r\n") + "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var answer = ReadAnswerAsync(stream, deadline.Token);

        var one = Encoding.UTF8.GetBytes(chunk);
        var block = new byte[64 * 1024 - 64 * 1024 % one.Length];
        for (var i = 0; i < block.Length; i += one.Length)
        {
            one.CopyTo(block, i);
        }

        long sent = 0;
        try
        {
            var start = Encoding.UTF8.GetBytes(head);
            await WriteAsync(stream, start, declareLength);
            sent = start.Length;
            while (sent < total && !answer.IsCompleted)
            {
                var n = (int)Math.Min(block.Length, total - sent);
                await WriteAsync(stream, block.AsMemory(0, n), declareLength);
                sent += n;
            }

            if (!declareLength && !answer.IsCompleted)
            {
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
            }
        }
        catch (IOException)
        {
            // The server closed the connection after answering: what it answered is what counts.
        }

        var (status, body) = await answer;
        return (status, body, sent);
    }

    private static async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> data, bool declared)
    {
        if (!declared)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{data.Length:X}\r\n"));
        }

        await stream.WriteAsync(data);
        if (!declared)
        {
            await stream.WriteAsync("\r\n"u8.ToArray());
        }
    }

    /// <summary>Reads one HTTP/1.1 answer: its status and its body (Content-Length or chunked, else up to the close).</summary>
    private static async Task<(int Status, string Body)> ReadAnswerAsync(Stream stream, CancellationToken ct)
    {
        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var n = await stream.ReadAsync(buffer, ct);
            received.Write(buffer, 0, n);
            var text = Encoding.UTF8.GetString(received.GetBuffer(), 0, (int)received.Length);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var head = text[..end];
                var body = text[(end + 4)..];
                var status = int.Parse(head.Split(' ')[1]);
                var length = head.Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                var complete = length is not null
                    ? Encoding.UTF8.GetByteCount(body) >= int.Parse(length.Split(':')[1].Trim())
                    : head.Contains("chunked", StringComparison.OrdinalIgnoreCase) ? body.EndsWith("0\r\n\r\n", StringComparison.Ordinal) : n == 0;
                if (complete)
                {
                    return (status, body);
                }
            }

            if (n == 0)
            {
                return (0, $"connection closed without a complete answer: {text}");
            }
        }
    }
}
