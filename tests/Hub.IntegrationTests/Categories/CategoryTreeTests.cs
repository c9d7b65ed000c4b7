using System.Net;
using System.Text.Json;
using CatalogHub.Api.Categories;

namespace CatalogHub.IntegrationTests.Categories;

/// <summary>The category tree over HTTP: create, read, rename, move, delete, on a real PostgreSQL.</summary>
public class CategoryTreeTests(TestHub hub) : IClassFixture<TestHub>
{
    private async Task<Guid> CreateAsync(string name, Guid? parentId = null) =>
        (await hub.SendAsync(HttpMethod.Post, "/api/categories", new { name, parent_id = parentId }, HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

    private Task<JsonElement> PatchAsync(Guid id, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        hub.SendAsync(HttpMethod.Patch, $"/api/categories/{id}", body, expected);

    private Task<string> PathAsync(Guid id) => hub.ScalarAsync<string>("SELECT path::text FROM categories WHERE id = $1", id);

    private static string Label(Guid id) => CategoryPath.Label(id);

    private static string[] Names(JsonElement node) =>
        [.. node.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    /// <summary>Every row's path is its parent's path plus its own label: no cycle, no stale subtree.</summary>
    private Task<long> InconsistentRowsAsync() => hub.ScalarAsync<long>("""
        SELECT count(*) FROM categories c LEFT JOIN categories p ON p.id = c.parent_id
        WHERE c.path::text <> concat_ws('.', p.path::text, replace(c.id::text, '-', ''))
           OR (c.parent_id IS NOT NULL AND p.id IS NULL)
        """);

    private static int CountNodes(JsonElement nodes) =>
        nodes.EnumerateArray().Sum(n => 1 + CountNodes(n.GetProperty("children")));

    [Fact]
    public async Task CategoriesFormATreeFourLevelsDeepSortedByNameAtEachLevel()
    {
        var root = await CreateAsync($"root {Guid.NewGuid():N}");
        var b = await CreateAsync("b", root);
        await CreateAsync("c", root);
        await CreateAsync("A", root);
        var b1 = await CreateAsync("b1", b);
        var b1x = await CreateAsync("deepest", b1);

        var tree = await hub.GetJsonAsync("/api/categories");

        var node = tree.EnumerateArray().Single(n => n.GetProperty("id").GetGuid() == root);
        Assert.Equal(JsonValueKind.Null, node.GetProperty("parent_id").ValueKind);
        Assert.Equal(["A", "b", "c"], Names(node));
        var bNode = node.GetProperty("children")[1];
        Assert.Equal(root, bNode.GetProperty("parent_id").GetGuid());
        Assert.Equal("deepest", bNode.GetProperty("children")[0].GetProperty("children")[0].GetProperty("name").GetString());
        Assert.Equal($"{Label(root)}.{Label(b)}.{Label(b1)}.{Label(b1x)}", await PathAsync(b1x));
        Assert.Equal(await hub.ScalarAsync<long>("SELECT count(*) FROM categories"), CountNodes(tree));
        var subtree = await hub.GetJsonAsync($"/api/categories/{b}");
        Assert.Equal(["b1"], Names(subtree));
    }

    [Fact]
    public async Task AnUnknownParentIs422NamingParentIdAndABlankNameIs422()
    {
        var missing = Guid.NewGuid();
        var problem = await hub.SendAsync(HttpMethod.Post, "/api/categories", new { name = "x", parent_id = missing }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(missing.ToString(), problem.Errors("parent_id"));
        problem = await hub.SendAsync(HttpMethod.Post, "/api/categories", new { name = "  " }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("name", problem.Errors("name"));
        Assert.Equal(0, await hub.ScalarAsync<long>("SELECT count(*) FROM categories WHERE name IN ('x', '  ')"));
    }

    [Fact]
    public async Task RenamingKeepsTheCategoryWhereItIs()
    {
        var parent = await CreateAsync("parent");
        var child = await CreateAsync("old name", parent);
        var path = await PathAsync(child);

        var renamed = await PatchAsync(child, new { name = "  new name " });

        Assert.Equal("new name", renamed.GetProperty("name").GetString());
        Assert.Equal(parent, renamed.GetProperty("parent_id").GetGuid());
        Assert.Equal(path, await PathAsync(child));
    }

    [Fact]
    public async Task MovingRewritesThePathsOfTheWholeSubtree()
    {
        var from = await CreateAsync("from");
        var to = await CreateAsync("to");
        var a = await CreateAsync("a", from);
        var b = await CreateAsync("b", a);
        var c = await CreateAsync("c", b);

        var moved = await PatchAsync(a, new { parent_id = to, name = "a2" });

        Assert.Equal(to, moved.GetProperty("parent_id").GetGuid());
        Assert.Equal("a2", moved.GetProperty("name").GetString());
        Assert.Equal(["b"], Names(moved));
        Assert.Equal($"{Label(to)}.{Label(a)}.{Label(b)}.{Label(c)}", await PathAsync(c));
        Assert.Empty(Names(await hub.GetJsonAsync($"/api/categories/{from}")));
        Assert.Equal(["a2"], Names(await hub.GetJsonAsync($"/api/categories/{to}")));
        Assert.Equal(0, await InconsistentRowsAsync());
    }

    [Fact]
    public async Task AnExplicitNullParentMovesToTheRootWhileAMissingParentIdKeepsTheParent()
    {
        var parent = await CreateAsync("parent");
        var child = await CreateAsync("child", parent);
        var grandchild = await CreateAsync("grandchild", child);

        var renamed = await PatchAsync(child, new { name = "still a child" });
        Assert.Equal(parent, renamed.GetProperty("parent_id").GetGuid());

        var moved = await PatchAsync(child, new { parent_id = (Guid?)null });

        Assert.Equal(JsonValueKind.Null, moved.GetProperty("parent_id").ValueKind);
        Assert.Equal($"{Label(child)}.{Label(grandchild)}", await PathAsync(grandchild));
        Assert.Contains((await hub.GetJsonAsync("/api/categories")).EnumerateArray(), n => n.GetProperty("id").GetGuid() == child);
        Assert.Equal(0, await InconsistentRowsAsync());
    }

    [Fact]
    public async Task MovingUnderItselfOrItsOwnDescendantIs409AndChangesNothing()
    {
        var a = await CreateAsync("a");
        var b = await CreateAsync("b", a);
        var c = await CreateAsync("c", b);
        var before = await PathAsync(c);

        var problem = await PatchAsync(a, new { parent_id = c }, HttpStatusCode.Conflict);
        Assert.Contains("descendant", problem.GetProperty("detail").GetString());
        problem = await PatchAsync(a, new { parent_id = a, name = "renamed" }, HttpStatusCode.Conflict);
        Assert.Contains("itself", problem.GetProperty("detail").GetString());

        Assert.Equal(before, await PathAsync(c));
        Assert.Equal("a", (await hub.GetJsonAsync($"/api/categories/{a}")).GetProperty("name").GetString());
        await PatchAsync(a, new { parent_id = "not-a-guid" }, HttpStatusCode.UnprocessableEntity);
        await PatchAsync(a, new { parent_id = Guid.NewGuid() }, HttpStatusCode.UnprocessableEntity);
        await PatchAsync(a, new { }, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task OppositeMovesAtTheSameTimeNeverMakeACycle()
    {
        for (var round = 0; round < 20; round++)
        {
            var a = await CreateAsync($"a{round}");
            var b = await CreateAsync($"b{round}");
            using var first = hub.Client();
            using var second = hub.Client();

            var statuses = await Task.WhenAll(
                first.PatchAsync($"/api/categories/{a}", System.Net.Http.Json.JsonContent.Create(new { parent_id = b })),
                second.PatchAsync($"/api/categories/{b}", System.Net.Http.Json.JsonContent.Create(new { parent_id = a })));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses.Select(s => s.StatusCode).Order());
        }

        Assert.Equal(0, await InconsistentRowsAsync());
        Assert.Equal(await hub.ScalarAsync<long>("SELECT count(*) FROM categories"), CountNodes(await hub.GetJsonAsync("/api/categories")));
    }

    [Fact]
    public async Task OnlyAnEmptyCategoryCanBeDeleted()
    {
        var parent = await CreateAsync("parent");
        var child = await CreateAsync("child", parent);
        var withProduct = await CreateAsync("with product");
        await hub.CreateProductAsync(withProduct);

        var problem = await hub.SendAsync(HttpMethod.Delete, $"/api/categories/{parent}", null, HttpStatusCode.Conflict);
        Assert.Contains("child", problem.GetProperty("detail").GetString());
        problem = await hub.SendAsync(HttpMethod.Delete, $"/api/categories/{withProduct}", null, HttpStatusCode.Conflict);
        Assert.Contains("products", problem.GetProperty("detail").GetString());

        await hub.SendAsync(HttpMethod.Delete, $"/api/categories/{child}", null, HttpStatusCode.NoContent);
        await hub.SendAsync(HttpMethod.Delete, $"/api/categories/{parent}", null, HttpStatusCode.NoContent);
        await hub.SendAsync(HttpMethod.Get, $"/api/categories/{parent}", null, HttpStatusCode.NotFound);
        Assert.Equal(1, await hub.ScalarAsync<long>("SELECT count(*) FROM categories WHERE id = $1", withProduct));
    }

    [Fact]
    public async Task AnUnknownCategoryIs404()
    {
        var id = Guid.NewGuid();
        await hub.SendAsync(HttpMethod.Get, $"/api/categories/{id}", null, HttpStatusCode.NotFound);
        await hub.SendAsync(HttpMethod.Patch, $"/api/categories/{id}", new { name = "x" }, HttpStatusCode.NotFound);
        var problem = await hub.SendAsync(HttpMethod.Delete, $"/api/categories/{id}", null, HttpStatusCode.NotFound);
        Assert.Contains(id.ToString(), problem.GetProperty("detail").GetString());
    }
}
