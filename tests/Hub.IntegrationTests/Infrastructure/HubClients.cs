using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CatalogHub.IntegrationTests.Infrastructure;

/// <summary>HTTP helpers shared by the tests that talk to silo processes.</summary>
public static class HubClients
{
    /// <summary>A client for <paramref name="baseAddress"/> sending <paramref name="key"/> as a bearer token.</summary>
    public static HttpClient For(Uri baseAddress, string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value that <paramref name="done"/> accepts, or fails at the deadline.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        T? value = default;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                value = await probe();
                if (done(value))
                {
                    return value;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                last = e;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{what}: not reached within {timeout.TotalSeconds:F0} s (last value: {value}, last error: {last?.Message})");
    }

    /// <summary>POST with no body, expecting JSON back.</summary>
    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.PostAsync(path, null);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
