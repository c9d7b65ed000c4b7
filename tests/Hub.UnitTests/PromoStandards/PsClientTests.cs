using System.Net;
using System.Text;
using CatalogHub.Grains.Adapters;
using CatalogHub.Grains.Adapters.PromoStandards;
using Microsoft.Extensions.Logging.Abstractions;

namespace CatalogHub.UnitTests.PromoStandards;

/// <summary>The client's transport mapping, against a stub handler: nothing but typed errors leaves it.</summary>
public class PsClientTests
{
    private static readonly PromoStandardsSettings Settings = new()
    {
        Endpoints = Enum.GetValues<PsService>().ToDictionary(s => s, s => new Uri($"https://supplier.example/{s}")),
        Timeout = TimeSpan.FromMilliseconds(300),
        SoapAction = SoapActionStyle.Namespace,
    };

    private static readonly SoapRequest Request = PsRequests.GetProduct(Replies.Account, "US", "en", "TS100");

    private sealed class Stub(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        public HttpRequestMessage? Seen { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Seen = request;
            return answer(request, ct);
        }
    }

    private static HttpResponseMessage Reply(HttpStatusCode status, string body, string mediaType = "text/xml") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    private static (PsClient Client, Stub Stub) Client(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer)
    {
        var stub = new Stub(answer);
        return (new PsClient(new HttpClient(stub), Settings, Replies.Account, NullLogger.Instance), stub);
    }

    private static Task<System.Xml.Linq.XElement> Send(PsClient client, CancellationToken ct = default) => client.SendForElementAsync(Request, ct);

    [Fact]
    public async Task APostGoesToTheServiceEndpointWithTheConfiguredSoapAction()
    {
        var (client, stub) = Client((_, _) => Task.FromResult(Reply(HttpStatusCode.OK,
            Replies.Response(Replies.Pd, "GetProductResponse", "<ns:Product><productId>TS100</productId></ns:Product>"))));
        var root = await Send(client);
        Assert.Equal("TS100", root.Child("Product").ChildText("productId"));
        Assert.Equal(HttpMethod.Post, stub.Seen!.Method);
        Assert.Equal(new Uri("https://supplier.example/ProductData"), stub.Seen.RequestUri);
        Assert.Equal("\"http://www.promostandards.org/WSDL/ProductDataService/2.0.0/getProduct\"", stub.Seen.Headers.GetValues("SOAPAction").Single());
        Assert.Equal(TimeSpan.FromMilliseconds(300), stub.Seen.Options.TryGetValue(PsClient.TimeoutOption, out var t) ? t : default);
    }

    [Fact]
    public async Task MalformedXmlIsRejectedWithAClearMessage()
    {
        var (client, _) = Client((_, _) => Task.FromResult(Reply(HttpStatusCode.OK, "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><oops")));
        var error = await Assert.ThrowsAsync<SupplierRejectedException>(() => Send(client));
        Assert.StartsWith("getProduct: malformed reply: invalid XML", error.Message);
    }

    [Fact]
    public async Task AServerErrorWithoutAFaultIsTransient()
    {
        var (client, _) = Client((_, _) => Task.FromResult(Reply(HttpStatusCode.InternalServerError, "upstream broke", "text/plain")));
        Assert.Equal("http_500", (await Assert.ThrowsAsync<SupplierTransientException>(() => Send(client))).Code);
    }

    [Fact]
    public async Task AClientFaultInAnHttp500IsRejectedAndAServerFaultTransient()
    {
        static string Fault(string code) => Replies.Envelope($"<soapenv:Fault><faultcode>soapenv:{code}</faultcode><faultstring>bad</faultstring></soapenv:Fault>");
        var (client, _) = Client((_, _) => Task.FromResult(Reply(HttpStatusCode.InternalServerError, Fault("Client"))));
        Assert.Equal("soapenv:Client", (await Assert.ThrowsAsync<SupplierRejectedException>(() => Send(client))).Code);
        (client, _) = Client((_, _) => Task.FromResult(Reply(HttpStatusCode.InternalServerError, Fault("Server"))));
        await Assert.ThrowsAsync<SupplierTransientException>(() => Send(client));
    }

    [Fact]
    public async Task ConnectionFailuresAreTransient()
    {
        var (client, _) = Client((_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        Assert.Equal("connection", (await Assert.ThrowsAsync<SupplierTransientException>(() => Send(client))).Code);
    }

    [Fact]
    public async Task NoReplyWithinTheTimeoutIsTransient()
    {
        var (client, _) = Client(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        Assert.Equal("timeout", (await Assert.ThrowsAsync<SupplierTransientException>(() => Send(client))).Code);
    }

    [Fact]
    public async Task ASupplierThatStopsSendingHalfwayThroughTheBodyTimesOut()
    {
        var start = Encoding.UTF8.GetBytes(
            "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><ns:GetProductSellableResponse xmlns:ns=\"urn:x\">" +
            "<ns:ProductSellableArray><ns:ProductSellable><productId>A</productId></ns:ProductSellable>");
        var (client, _) = Client((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream(start)) }));
        var request = PsRequests.GetProductSellable(Replies.Account, "US", "en", sellable: true);
        var error = await Assert.ThrowsAsync<SupplierTransientException>(() =>
            client.SendAsync(request, (reader, ct) => PsListParser.ReadAsync(reader, request.Operation, "ProductSellable", Replies.Account, ct), CancellationToken.None)
                .WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("timeout", error.Code);
    }

    /// <summary>Gives its bytes, then waits for more until it is disposed.</summary>
    private sealed class StallingStream(byte[] first) : Stream
    {
        private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < first.Length)
            {
                var n = Math.Min(buffer.Length, first.Length - _position);
                first.AsMemory(_position, n).CopyTo(buffer);
                _position += n;
                return n;
            }

            await _disposed.Task.WaitAsync(cancellationToken);
            throw new ObjectDisposedException(nameof(StallingStream));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _disposed.TrySetResult();
            base.Dispose(disposing);
        }
    }

    [Fact]
    public async Task TheCallersOwnCancellationStaysACancellation()
    {
        using var cancel = new CancellationTokenSource();
        var (client, _) = Client(async (_, ct) =>
        {
            await cancel.CancelAsync();
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Send(client, cancel.Token));
    }

    [Fact]
    public async Task MediasNoResultsIsAnEmptyReplyNotAnError()
    {
        var (client, _) = Client((_, _) => Task.FromResult(Reply(HttpStatusCode.OK,
            Replies.Response(Replies.Media, "GetMediaContentResponse", "<errorMessage><code>160</code><description>No results found</description></errorMessage>"))));
        var root = await client.SendForElementAsync(PsRequests.GetMediaContent(Replies.Account, "TS100"), CancellationToken.None, emptyCode: "160");
        Assert.Empty(PsHydrationParsers.Media(root));
    }
}
