using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CatalogHub.ToolHosting;

/// <summary>
/// The web app of a tool (a simulator of the outside world, or the webhook receiver): run as a process on its default
/// URL, or inside a test or benchmark process on a free loopback port.
/// </summary>
public static class ToolWebApp
{
    /// <summary>
    /// A builder for <paramref name="application"/>'s app. <paramref name="inProcess"/> reads nothing but
    /// <paramref name="args"/> (no appsettings or environment of the host process) and logs warnings only; without
    /// <c>--urls</c> it listens on <paramref name="defaultUrl"/>. JSON is snake_case; shutdown takes at most 2 s.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(Type application, string[] args, bool inProcess, string defaultUrl)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = application.Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (inProcess)
        {
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddCommandLine(args);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(defaultUrl);
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>The arguments of an in-process app: a free loopback port.</summary>
    public static string[] InProcessArgs => ["--urls", "http://127.0.0.1:0"];

    /// <summary>Starts an app built with <see cref="InProcessArgs"/>; its base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public static async Task<Uri> StartInProcessAsync(WebApplication app, CancellationToken ct)
    {
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every problem of a tool's options.</summary>
    public static void ThrowIfInvalid(IReadOnlyList<string> problems, string parameter)
    {
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), parameter);
        }
    }
}
