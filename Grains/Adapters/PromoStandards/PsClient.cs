using System.Diagnostics;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>
/// Sends one SOAP request to a supplier's service endpoint and reads the reply as it streams in. Every
/// transport and protocol failure leaves as a <see cref="SupplierAdapterException"/>: network errors, time-outs
/// and 5xx/429 as transient, malformed XML as rejected, Faults and error messages as <see cref="PsErrors"/> maps
/// them. Only the caller's own cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class PsClient(HttpClient http, PromoStandardsSettings settings, PsAccount account, ILogger logger)
{
    /// <summary>Carries the supplier's time-out to the HTTP client's resilience (timeout) handler.</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> TimeoutOption = new("CatalogHub.PromoStandards.Timeout");

    public PsAccount Account { get; } = account;

    /// <summary>
    /// Sends <paramref name="request"/>; <paramref name="read"/> gets the reader on the reply's root element.
    /// The time-out bounds the whole exchange: the resilience handler the request, a deadline the body.
    /// </summary>
    public async Task<T> SendAsync<T>(SoapRequest request, Func<XmlReader, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(settings.Timeout);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, settings.Endpoints[request.Service]) { Content = request.Content() };
            message.Headers.TryAddWithoutValidation("SOAPAction", request.SoapAction(settings.SoapAction));
            message.Options.Set(TimeoutOption, settings.Timeout);
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token);

            // Reads of the body take no token: at the deadline (or the caller's cancellation) the response is
            // disposed, which fails a read that waits for a supplier that stopped sending.
            await using var abort = deadline.Token.Register(static r => ((HttpResponseMessage)r!).Dispose(), response);
            await using var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
            using var reader = XmlReader.Create(stream, PsEnvelope.ReaderSettings);
            if (!response.IsSuccessStatusCode)
            {
                throw await StatusErrorAsync(request, response, reader, deadline.Token);
            }

            await PsEnvelope.OpenAsync(reader, request, Account, deadline.Token);
            var result = await read(reader, deadline.Token);
            var elapsed = Stopwatch.GetElapsedTime(started);
            PsLog.Call(logger, request.Operation, "ok", elapsed.TotalMilliseconds);
            return result;
        }
        catch (Exception e) when (e is not SupplierAdapterException && ct.IsCancellationRequested)
        {
            throw new OperationCanceledException("The caller cancelled the call.", e, ct);
        }
        catch (Exception e)
        {
            var mapped = deadline.IsCancellationRequested && e is not SupplierAdapterException ? Timeout(request.Operation, e) : Map(request.Operation, e);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var kind = mapped.GetType().Name;
            PsLog.CallFailed(logger, request.Operation, kind, mapped.Code, elapsed.TotalMilliseconds);
            if (ReferenceEquals(mapped, e))
            {
                throw;
            }

            throw mapped;
        }
    }

    /// <summary>
    /// Sends a per-product request and loads its reply root (small replies); error messages throw, except a
    /// reply whose only errors carry <paramref name="emptyCode"/> (Media's 160 "No results found"), which is empty.
    /// </summary>
    public Task<XElement> SendForElementAsync(SoapRequest request, CancellationToken ct, string? emptyCode = null) =>
        SendAsync(request, async (reader, token) =>
        {
            var root = (XElement)await XNode.ReadFromAsync(reader, token);
            var errors = PsErrors.Messages(root).Where(m => m.IsError).ToList();
            if (emptyCode is not null && errors.Count > 0 && errors.All(m => m.Code == emptyCode))
            {
                return new XElement(root.Name);
            }

            return PsErrors.FromMessages(request.Operation, errors, Account) is { } error ? throw error : root;
        }, ct);

    /// <summary>A SOAP Fault in an error reply decides by its faultcode; otherwise the HTTP status decides.</summary>
    private async Task<SupplierAdapterException> StatusErrorAsync(SoapRequest request, HttpResponseMessage response, XmlReader reader, CancellationToken ct)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        return mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase) && await PsEnvelope.FaultAsync(reader, request.Operation, ct) is { } fault
            ? PsErrors.FromFault(request.Operation, fault, Account)
            : PsErrors.FromStatus(request.Operation, response.StatusCode);
    }

    private SupplierTransientException Timeout(string operation, Exception e) =>
        new($"{operation}: no complete reply within {settings.Timeout.TotalSeconds:0.#} s", "timeout", e);

    private SupplierAdapterException Map(string operation, Exception e) => e switch
    {
        SupplierAdapterException typed => typed,
        TimeoutRejectedException or OperationCanceledException => Timeout(operation, e),
        HttpRequestException http => new SupplierTransientException($"{operation}: connection failed ({http.HttpRequestError})", "connection", e),
        IOException => new SupplierTransientException($"{operation}: connection lost while reading the reply", "connection", e),
        XmlException xml => PsErrors.Malformed(operation, $"invalid XML ({Account.Redact(xml.Message)})"),
        _ => new SupplierRejectedException($"{operation}: unexpected failure ({e.GetType().Name})", null, e),
    };
}
