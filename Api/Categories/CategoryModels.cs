using System.Text.Json;

namespace CatalogHub.Api.Categories;

/// <summary>Body of <c>POST /api/categories</c>: a root category unless <c>parent_id</c> is given.</summary>
public sealed record CreateCategoryRequest(string? Name, Guid? ParentId = null);

/// <summary>
/// Body of <c>PATCH /api/categories/{id}</c>. <c>name</c> renames; <c>parent_id</c> moves: a category id moves
/// the category (and its subtree) under it, an explicit <c>null</c> moves it to the root, and leaving the
/// property out keeps the parent. That is why <c>parent_id</c> is read as raw JSON.
/// </summary>
public sealed record UpdateCategoryRequest(string? Name, JsonElement ParentId);

/// <summary>A category with its children, each level sorted by name.</summary>
public sealed record CategoryNode(Guid Id, string Name, Guid? ParentId, IReadOnlyList<CategoryNode> Children);

/// <summary>One row of the <c>categories</c> table as the tree is built from it.</summary>
public sealed record CategoryRow(Guid Id, string Name, Guid? ParentId);

/// <summary>A validated PATCH: <see cref="Move"/> says whether <see cref="ParentId"/> applies (null = root).</summary>
public sealed record CategoryPatch(string? Name, bool Move, Guid? ParentId);
