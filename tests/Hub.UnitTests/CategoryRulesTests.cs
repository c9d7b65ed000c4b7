using System.Text.Json;
using CatalogHub.Api.Categories;

namespace CatalogHub.UnitTests;

public class CategoryRulesTests
{
    private static readonly JsonSerializerOptions Wire = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly Guid A = new("aaaaaaaa-0000-0000-0000-000000000001");
    private static readonly Guid B = new("bbbbbbbb-0000-0000-0000-000000000002");
    private static readonly Guid C = new("cccccccc-0000-0000-0000-000000000003");

    private static UpdateCategoryRequest Patch(string json) => JsonSerializer.Deserialize<UpdateCategoryRequest>(json, Wire)!;

    [Fact]
    public void LabelsAreTheIdsHexDigitsAndPathsRunFromTheRoot()
    {
        Assert.Equal("aaaaaaaa000000000000000000000001", CategoryPath.Label(A));
        Assert.Equal(CategoryPath.Label(A), CategoryPath.Of(null, A));
        Assert.Equal(CategoryPath.Label(A), CategoryPath.Of("", A));
        var path = CategoryPath.Of(CategoryPath.Of(null, A), B);
        Assert.Equal($"{CategoryPath.Label(A)}.{CategoryPath.Label(B)}", path);
        Assert.Equal([A, B], CategoryPath.Ids(path));
    }

    [Fact]
    public void WithinMeansSameOrBelowAtALabelBoundary()
    {
        Assert.True(CategoryPath.IsWithin("a.b.c", "a.b"));
        Assert.True(CategoryPath.IsWithin("a.b", "a.b"));
        Assert.False(CategoryPath.IsWithin("a", "a.b"));
        Assert.False(CategoryPath.IsWithin("a.bc", "a.b"));
    }

    [Fact]
    public void AMoveUnderItselfOrItsDescendantIsRefused()
    {
        var a = CategoryPath.Of(null, A);
        var ab = CategoryPath.Of(a, B);
        var abc = CategoryPath.Of(ab, C);
        Assert.Equal(MoveCheck.UnderItself, CategoryRules.CheckMove(A, a, A, a));
        Assert.Equal(MoveCheck.UnderOwnDescendant, CategoryRules.CheckMove(A, a, B, ab));
        Assert.Equal(MoveCheck.UnderOwnDescendant, CategoryRules.CheckMove(A, a, C, abc));
        Assert.Equal(MoveCheck.UnderOwnDescendant, CategoryRules.CheckMove(B, ab, C, abc));
    }

    [Fact]
    public void AMoveToTheRootUpwardsOrSidewaysIsAllowed()
    {
        var a = CategoryPath.Of(null, A);
        var ab = CategoryPath.Of(a, B);
        var c = CategoryPath.Of(null, C);
        Assert.Equal(MoveCheck.Allowed, CategoryRules.CheckMove(B, ab, null, null));
        Assert.Equal(MoveCheck.Allowed, CategoryRules.CheckMove(B, ab, C, c));
        Assert.Equal(MoveCheck.Allowed, CategoryRules.CheckMove(B, CategoryPath.Of(c, B), A, a));
        Assert.Equal(MoveCheck.Allowed, CategoryRules.CheckMove(C, c, B, ab));
    }

    [Fact]
    public void CreateNeedsANameOfAtMost200Characters()
    {
        Assert.Empty(CategoryRules.ValidateCreate(new CreateCategoryRequest("Shirts", A)));
        Assert.Contains("name", CategoryRules.ValidateCreate(new CreateCategoryRequest(" ", null)).Keys);
        Assert.Contains("name", CategoryRules.ValidateCreate(new CreateCategoryRequest(new string('x', 201), null)).Keys);
        Assert.Contains("parent_id", CategoryRules.ValidateCreate(new CreateCategoryRequest("x", Guid.Empty)).Keys);
    }

    [Fact]
    public void AMissingParentIdKeepsTheParentAndAnExplicitNullMovesToTheRoot()
    {
        var (rename, _) = CategoryRules.ParsePatch(Patch("""{"name":" Tees "}"""));
        Assert.Equal(new CategoryPatch("Tees", false, null), rename);
        var (toRoot, _) = CategoryRules.ParsePatch(Patch("""{"parent_id":null}"""));
        Assert.Equal(new CategoryPatch(null, true, null), toRoot);
        var (under, _) = CategoryRules.ParsePatch(Patch($$"""{"parent_id":"{{B}}","name":"x"}"""));
        Assert.Equal(new CategoryPatch("x", true, B), under);
    }

    [Theory]
    [InlineData("""{}""", "name")]
    [InlineData("""{"name":"  "}""", "name")]
    [InlineData("""{"parent_id":"nope"}""", "parent_id")]
    [InlineData("""{"parent_id":42}""", "parent_id")]
    [InlineData("""{"parent_id":"00000000-0000-0000-0000-000000000000"}""", "parent_id")]
    public void ABadPatchNamesTheField(string json, string field)
    {
        var (patch, errors) = CategoryRules.ParsePatch(Patch(json));
        Assert.Null(patch);
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void TheTreeNestsAndSortsEachLevelByNameIgnoringCaseThenById()
    {
        var rows = new[]
        {
            new CategoryRow(C, "b", A), new CategoryRow(B, "B", A), new CategoryRow(A, "root", null),
            new CategoryRow(Guid.NewGuid(), "a", A), new CategoryRow(Guid.NewGuid(), "leaf", C),
            new CategoryRow(Guid.NewGuid(), "Another root", null),
        };

        var tree = CategoryTree.Build(rows);

        Assert.Equal(["Another root", "root"], tree.Select(n => n.Name));
        var root = tree[1];
        Assert.Equal(["a", "B", "b"], root.Children.Select(n => n.Name));
        Assert.Equal("leaf", Assert.Single(root.Children[2].Children).Name);
    }

    [Fact]
    public void ASubtreeIsRootedAtTheRowWhoseParentIsNotAmongTheRows()
    {
        var tree = CategoryTree.Build([new CategoryRow(B, "b", A), new CategoryRow(C, "c", B)]);
        var node = Assert.Single(tree);
        Assert.Equal(A, node.ParentId);
        Assert.Equal(C, Assert.Single(node.Children).Id);
    }
}
