using CatalogHub.ToolHosting;
using System.Text.Json;
using CatalogHub.WebhookReceiver.Knobs;
using CatalogHub.WebhookReceiver.Recording;

namespace CatalogHub.WebhookReceiver;

/// <summary>Composes the receiver: POST to any path is a delivery; GET/PATCH/DELETE under <c>/admin</c> inspect and steer it.</summary>
internal static class ReceiverApp
{
    public const string DefaultUrl = "http://127.0.0.1:5097";

    /// <summary>
    /// The app; <paramref name="inProcess"/> reads nothing but <paramref name="args"/> (no appsettings or
    /// environment of the host process) and logs warnings only.
    /// </summary>
    public static WebApplication Build(ReceiverOptions options, string[] args, bool inProcess)
    {
        var builder = ToolWebApp.CreateBuilder(typeof(ReceiverApp), args, inProcess, DefaultUrl);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ReceiverControl>();
        builder.Services.AddSingleton<DeliveryLog>();

        var app = builder.Build();
        var admin = app.MapGroup("/admin");
        admin.MapGet("/deliveries", (DeliveryLog log) => log.All().Select(d => new
        {
            d.Sequence, d.ReceivedAt, d.Path, d.EventId, d.Verified, d.Status, d.Headers, d.Body,
        }));
        admin.MapDelete("/deliveries", (DeliveryLog log) => log.Clear());
        admin.MapGet("/knobs", (ReceiverControl control) => control.Knobs);
        admin.MapPatch("/knobs", (KnobsPatch patch, ReceiverControl control) =>
        {
            try
            {
                var knobs = control.Update(patch.ApplyTo);
                if (patch.FailNext is { } n)
                {
                    control.FailNext(n, patch.FailStatus ?? 503);
                }

                return Results.Ok(knobs);
            }
            catch (ArgumentException e)
            {
                return Results.BadRequest(new { error = e.Message.Split(" (Parameter")[0] });
            }
        });
        app.MapPost("/{**path}", ReceiveEndpoint.HandleAsync);
        return app;
    }

    /// <summary>Body of <c>PATCH /admin/knobs</c>: the knobs to change (absent ones stay) and optionally a number of next requests to fail.</summary>
    public sealed record KnobsPatch(int? Status = null, int? LatencyMs = null, bool? RequireSignature = null, int? FailNext = null, int? FailStatus = null)
    {
        public ReceiverKnobs ApplyTo(ReceiverKnobs k) => k with
        {
            Status = Status ?? k.Status,
            LatencyMs = LatencyMs ?? k.LatencyMs,
            RequireSignature = RequireSignature ?? k.RequireSignature,
        };
    }
}
