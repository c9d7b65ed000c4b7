using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace CatalogHub.Grains.Outbox;

/// <summary>
/// Delivers an event as a signed JSON POST (<see cref="WebhookBody"/>, <see cref="WebhookSignature"/>) to the
/// target's URL, or to a job callback's own URL. 2xx is delivered; 410 means the target is gone; 408, 429, 5xx, a
/// timeout or a network error mean the target is unavailable (no attempt counted); any other answer is a refused
/// attempt. A URL whose host is private or loopback is not called at all (<see cref="Outbound.OutboundAddresses"/>).
/// </summary>
public sealed class WebhookChannel(IHttpClientFactory clients, IOptions<OutboxOptions> options) : IDeliveryChannel
{
    public const string ClientName = "outbox-webhooks";

    public string Kind => TargetKinds.Webhook;

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryTarget target, DeliveryItem item, CancellationToken ct)
    {
        var url = item.CallbackUrl ?? target.Url;
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return new DeliveryOutcome.Failed($"The target {target.Id} has no valid webhook URL", Permanent: true);
        }

        if (string.IsNullOrEmpty(target.Secret))
        {
            return new DeliveryOutcome.Failed($"The target {target.Id} has no signing secret", Permanent: true);
        }

        var body = WebhookBody.Create(item);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.EventIdHeader, item.EventId.ToString());
        request.Headers.Add(WebhookSignature.EventTypeHeader, item.EventType);
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(target.Secret, body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.WebhookTimeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return new DeliveryOutcome.Delivered();
            }

            var message = $"{uri.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}";
            return response.StatusCode switch
            {
                HttpStatusCode.Gone => new DeliveryOutcome.Failed($"{message}: the target is gone; delivery to it stopped", Permanent: true, TargetGone: item.CallbackUrl is null),
                HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError =>
                    new DeliveryOutcome.Failed(message, Unavailable: true),
                _ => new DeliveryOutcome.Failed(message),
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DeliveryOutcome.Failed($"{uri.GetLeftPart(UriPartial.Path)} did not answer within {options.Value.WebhookTimeout.TotalSeconds:0.#} s", Unavailable: true);
        }
        catch (HttpRequestException e) when (Outbound.OutboundConnector.Refusal(e) is { } refused)
        {
            return new DeliveryOutcome.Failed($"{uri.GetLeftPart(UriPartial.Path)} was not called: {refused.Message}", Permanent: true);
        }
        catch (HttpRequestException e)
        {
            return new DeliveryOutcome.Failed($"{uri.GetLeftPart(UriPartial.Path)} could not be reached: {e.Message}", Unavailable: true);
        }
    }
}
