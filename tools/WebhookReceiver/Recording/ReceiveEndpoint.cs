using CatalogHub.WebhookReceiver.Knobs;

namespace CatalogHub.WebhookReceiver.Recording;

/// <summary>
/// Any POST: reads the raw body, verifies the signature, decides the answer (a pending failure first, then 401
/// for a bad signature when required, then the status knob), waits the latency, records, answers.
/// </summary>
public static class ReceiveEndpoint
{
    /// <summary>nginx's "client closed request": recorded when the sender gave up during the latency.</summary>
    public const int ClientClosedRequest = 499;

    public static async Task HandleAsync(HttpContext http, ReceiverControl control, DeliveryLog log, TimeProvider time)
    {
        var receivedAt = time.GetUtcNow();
        var ct = http.RequestAborted;
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();

        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var signature = headers.GetValueOrDefault(WebhookSignature.Header);
        var verified = WebhookSignature.Verify(signature, body, control.Secrets);
        var knobs = control.Knobs;
        var status = control.TakeFailure() ?? (knobs.RequireSignature && !verified ? StatusCodes.Status401Unauthorized : knobs.Status);

        var answered = status;
        try
        {
            if (knobs.LatencyMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(knobs.LatencyMs), time, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            answered = ClientClosedRequest;
        }

        log.Add(new ReceivedDelivery(
            log.NextSequence(),
            receivedAt,
            http.Request.Path.Value ?? "/",
            http.Request.QueryString.Value ?? "",
            headers,
            body,
            headers.GetValueOrDefault(WebhookSignature.EventIdHeader),
            signature,
            verified,
            answered));

        if (answered == ClientClosedRequest)
        {
            return;
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(status is >= 200 and < 300 ? """{"received":true}""" : $$"""{"error":"simulated {{status}}"}""", CancellationToken.None);
    }
}
