using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CatalogHub.IntegrationTests.Stores;

/// <summary>The store and location admin API (<c>/api/v1/admin/stores</c>) with seed 002's error bodies.</summary>
public class StoreApiTests(TestHub hub) : IClassFixture<TestHub>
{
    private static string NewStoreNumber() => "S" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<JsonElement> CreateStoreAsync(HttpClient client, string storeNumber, string name = "Test store", bool? active = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/admin/stores", new { store_number = storeNumber, name, active });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? error = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (error is not null)
        {
            Assert.Equal(error, body.GetProperty("error").GetString());
        }

        return body;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task CreatingAStoreAnswers201WithTheStoreAndCreatesItsDefaultLocation()
    {
        using var admin = hub.Client();
        var number = NewStoreNumber();

        var response = await admin.PostAsJsonAsync("/api/v1/admin/stores", new { store_number = number, name = "  Main Street  " });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/admin/stores/{number}", response.Headers.Location?.ToString());
        var store = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Number, store.GetProperty("id").ValueKind);
        Assert.Equal(number, store.GetProperty("store_number").GetString());
        Assert.Equal("Main Street", store.GetProperty("name").GetString());
        Assert.True(store.GetProperty("active").GetBoolean());
        Assert.Equal(store.GetProperty("created_at").GetDateTimeOffset(), store.GetProperty("updated_at").GetDateTimeOffset());

        var locations = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/stores/{number}/locations");
        var only = Assert.Single(locations.EnumerateArray());
        Assert.Equal(number, only.GetProperty("name").GetString());
        Assert.Equal(number, only.GetProperty("store_number").GetString());
        Assert.True(only.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Number, only.GetProperty("id").ValueKind);

        var fetched = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/stores/{number}");
        Assert.Equal(store.GetProperty("id").GetInt64(), fetched.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task ADuplicateStoreNumberIs409AndChangesNothing()
    {
        using var admin = hub.Client();
        var number = NewStoreNumber();
        await CreateStoreAsync(admin, number, "First");

        var response = await admin.PostAsJsonAsync("/api/v1/admin/stores", new { store_number = number, name = "Second" });

        await AssertErrorAsync(response, HttpStatusCode.Conflict, $"Store {number} already exists");
        var store = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/stores/{number}");
        Assert.Equal("First", store.GetProperty("name").GetString());
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/stores/{number}/locations")).GetArrayLength());
    }

    [Fact]
    public async Task InvalidStoreInputIs422NamingEachField()
    {
        using var admin = hub.Client();

        var response = await admin.PostAsync("/api/v1/admin/stores", Json("""{"store_number": "-bad number", "name": "   ", "active": "yes", "extra": 1}"""));

        var body = await AssertErrorAsync(response, HttpStatusCode.UnprocessableEntity, "Request validation failed");
        var fields = body.GetProperty("validation_errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!).ToArray();
        Assert.Equal(["store_number", "name", "active"], fields);
        Assert.All(body.GetProperty("validation_errors").EnumerateArray(), e => Assert.NotEmpty(e.GetProperty("message").GetString()!));

        var missing = await AssertErrorAsync(await admin.PostAsync("/api/v1/admin/stores", Json("{}")), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(2, missing.GetProperty("validation_errors").GetArrayLength());
        var notObject = await AssertErrorAsync(await admin.PostAsync("/api/v1/admin/stores", Json("[1]")), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("body", notObject.GetProperty("validation_errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task MalformedJsonIs400WithTheErrorBody()
    {
        using var admin = hub.Client();
        await AssertErrorAsync(await admin.PostAsync("/api/v1/admin/stores", Json("{\"store_number\": ")), HttpStatusCode.BadRequest, "Request body is not valid JSON");
    }

    [Fact]
    public async Task TheListIsOrderedByStoreNumberAndFiltersByActive()
    {
        using var admin = hub.Client();
        var prefix = NewStoreNumber();
        await CreateStoreAsync(admin, prefix + "-b");
        await CreateStoreAsync(admin, prefix + "-a", active: false);
        await CreateStoreAsync(admin, prefix + "-c");

        async Task<string[]> ListAsync(string query) =>
            [.. (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/stores" + query)).EnumerateArray()
                .Select(s => s.GetProperty("store_number").GetString()!).Where(s => s.StartsWith(prefix, StringComparison.Ordinal))];

        Assert.Equal([prefix + "-a", prefix + "-b", prefix + "-c"], await ListAsync(""));
        Assert.Equal([prefix + "-b", prefix + "-c"], await ListAsync("?active=true"));
        Assert.Equal([prefix + "-a"], await ListAsync("?active=false"));
        var bad = await AssertErrorAsync(await admin.GetAsync("/api/v1/admin/stores?active=maybe"), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("active", bad.GetProperty("validation_errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task AnUnknownStoreIs404WithTheSpecBody()
    {
        using var admin = hub.Client();
        await AssertErrorAsync(await admin.GetAsync($"/api/v1/admin/stores/{NewStoreNumber()}"), HttpStatusCode.NotFound, "Store not found");
        await AssertErrorAsync(await admin.GetAsync($"/api/v1/admin/stores/{NewStoreNumber()}/locations"), HttpStatusCode.NotFound, "Store not found");
        await AssertErrorAsync(await admin.PatchAsync($"/api/v1/admin/stores/{NewStoreNumber()}", Json("""{"active": false}""")), HttpStatusCode.NotFound, "Store not found");
        await AssertErrorAsync(await admin.PostAsync($"/api/v1/admin/stores/{NewStoreNumber()}/locations", Json("""{"name": "X"}""")), HttpStatusCode.NotFound, "Store not found");
        await AssertErrorAsync(await admin.GetAsync("/api/v1/admin/stores/%20not%20a%20number"), HttpStatusCode.NotFound, "Store not found");
    }

    [Fact]
    public async Task PatchDeactivatesRenamesAndReactivatesAStore()
    {
        using var admin = hub.Client();
        var number = NewStoreNumber();
        var created = await CreateStoreAsync(admin, number, "Before");

        var response = await admin.PatchAsync($"/api/v1/admin/stores/{number}", Json("""{"active": false}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deactivated = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(deactivated.GetProperty("active").GetBoolean());
        Assert.Equal("Before", deactivated.GetProperty("name").GetString());
        Assert.True(deactivated.GetProperty("updated_at").GetDateTimeOffset() > created.GetProperty("updated_at").GetDateTimeOffset());

        var renamed = await (await admin.PatchAsync($"/api/v1/admin/stores/{number}", Json($$"""{"name": "After", "active": true, "store_number": "{{number}}"}""")))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("After", renamed.GetProperty("name").GetString());
        Assert.True(renamed.GetProperty("active").GetBoolean());
        Assert.True((await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/stores/{number}")).GetProperty("active").GetBoolean());

        var unchanged = await (await admin.PatchAsync($"/api/v1/admin/stores/{number}", Json("""{"active": true}"""))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(renamed.GetProperty("updated_at").GetDateTimeOffset(), unchanged.GetProperty("updated_at").GetDateTimeOffset());

        var renumber = await AssertErrorAsync(await admin.PatchAsync($"/api/v1/admin/stores/{number}", Json("""{"store_number": "other"}""")), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("store_number", renumber.GetProperty("validation_errors")[0].GetProperty("field").GetString());
        var empty = await AssertErrorAsync(await admin.PatchAsync($"/api/v1/admin/stores/{number}", Json("{}")), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("body", empty.GetProperty("validation_errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task LocationsAreCreatedListedAndUniquePerStore()
    {
        using var admin = hub.Client();
        var number = NewStoreNumber();
        var other = NewStoreNumber();
        await CreateStoreAsync(admin, number);
        await CreateStoreAsync(admin, other);

        var response = await admin.PostAsJsonAsync($"/api/v1/admin/stores/{number}/locations", new { name = "Main Warehouse", active = false });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var location = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Main Warehouse", location.GetProperty("name").GetString());
        Assert.Equal(number, location.GetProperty("store_number").GetString());
        Assert.False(location.GetProperty("active").GetBoolean());
        Assert.Equal($"/api/v1/admin/stores/{number}/locations/{location.GetProperty("id").GetInt64()}", response.Headers.Location?.ToString());

        await AssertErrorAsync(
            await admin.PostAsJsonAsync($"/api/v1/admin/stores/{number}/locations", new { name = "Main Warehouse" }),
            HttpStatusCode.Conflict, $"Location 'Main Warehouse' already exists for store {number}");
        // Names are compared exactly: another case is another location, and another store may use the same name.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/admin/stores/{number}/locations", new { name = "main warehouse" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/admin/stores/{other}/locations", new { name = "Main Warehouse" })).StatusCode);

        var names = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/stores/{number}/locations")).EnumerateArray()
            .Select(l => l.GetProperty("name").GetString()!).ToArray();
        Assert.Equal([number, "Main Warehouse", "main warehouse"], names);
        var active = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/stores/{number}/locations?active=true")).EnumerateArray()
            .Select(l => l.GetProperty("name").GetString()!).ToArray();
        Assert.Equal([number, "main warehouse"], active);

        var invalid = await AssertErrorAsync(await admin.PostAsync($"/api/v1/admin/stores/{number}/locations", Json("""{"name": 7}""")), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("name", invalid.GetProperty("validation_errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task PatchRenamesAndDeactivatesALocationButTheDefaultKeepsItsName()
    {
        using var admin = hub.Client();
        var number = NewStoreNumber();
        var other = NewStoreNumber();
        await CreateStoreAsync(admin, number);
        await CreateStoreAsync(admin, other);
        var backRoom = await (await admin.PostAsJsonAsync($"/api/v1/admin/stores/{number}/locations", new { name = "Back room" })).Content.ReadFromJsonAsync<JsonElement>();
        await admin.PostAsJsonAsync($"/api/v1/admin/stores/{number}/locations", new { name = "Front" });
        var id = backRoom.GetProperty("id").GetInt64();
        var path = $"/api/v1/admin/stores/{number}/locations/{id}";

        var response = await admin.PatchAsync(path, Json("""{"name": "Stock room", "active": false}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, patched.GetProperty("id").GetInt64());
        Assert.Equal("Stock room", patched.GetProperty("name").GetString());
        Assert.False(patched.GetProperty("active").GetBoolean());

        await AssertErrorAsync(await admin.PatchAsync(path, Json("""{"name": "Front"}""")), HttpStatusCode.Conflict);

        var defaultId = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/stores/{number}/locations"))[0].GetProperty("id").GetInt64();
        var rename = await AssertErrorAsync(
            await admin.PatchAsync($"/api/v1/admin/stores/{number}/locations/{defaultId}", Json("""{"name": "Elsewhere"}""")), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("name", rename.GetProperty("validation_errors")[0].GetProperty("field").GetString());
        var deactivated = await (await admin.PatchAsync($"/api/v1/admin/stores/{number}/locations/{defaultId}", Json("""{"active": false}""")))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(deactivated.GetProperty("active").GetBoolean());
        Assert.Equal(number, deactivated.GetProperty("name").GetString());

        // A location is found only under its own store.
        await AssertErrorAsync(await admin.PatchAsync($"/api/v1/admin/stores/{other}/locations/{id}", Json("""{"active": true}""")), HttpStatusCode.NotFound, "Location not found");
        await AssertErrorAsync(await admin.PatchAsync($"/api/v1/admin/stores/{number}/locations/x1", Json("""{"active": true}""")), HttpStatusCode.NotFound, "Location not found");
    }

    [Fact]
    public async Task AStoreRestrictedKeySeesAndChangesOnlyItsStores()
    {
        using var admin = hub.Client();
        var mine = NewStoreNumber();
        var theirs = NewStoreNumber();
        await CreateStoreAsync(admin, mine);
        await CreateStoreAsync(admin, theirs);
        var created = await (await admin.PostAsJsonAsync("/api/keys", new { name = "store admin", scopes = new[] { "admin" }, store_numbers = new[] { mine } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        using var restricted = hub.Client(created.GetProperty("key").GetString());

        var listed = (await restricted.GetFromJsonAsync<JsonElement>("/api/v1/admin/stores")).EnumerateArray().Select(s => s.GetProperty("store_number").GetString()!).ToArray();
        Assert.Equal([mine], listed);
        Assert.Equal(HttpStatusCode.OK, (await restricted.GetAsync($"/api/v1/admin/stores/{mine}")).StatusCode);
        await AssertErrorAsync(await restricted.GetAsync($"/api/v1/admin/stores/{theirs}"), HttpStatusCode.Forbidden, $"API key is not allowed for store {theirs}");
        await AssertErrorAsync(await restricted.PatchAsync($"/api/v1/admin/stores/{theirs}", Json("""{"active": false}""")), HttpStatusCode.Forbidden);
        await AssertErrorAsync(await restricted.PostAsJsonAsync("/api/v1/admin/stores", new { store_number = NewStoreNumber(), name = "x" }), HttpStatusCode.Forbidden);
        Assert.True((await admin.GetFromJsonAsync<JsonElement>($"/api/v1/admin/stores/{theirs}")).GetProperty("active").GetBoolean());
    }
}
