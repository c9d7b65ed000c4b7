using System.Text.Json;

namespace CatalogHub.Api.Categories;

/// <summary>Why a move is refused.</summary>
public enum MoveCheck
{
    Allowed = 0,
    UnderItself = 1,
    UnderOwnDescendant = 2,
}

/// <summary>The rules of category requests and moves; pure, so unit tests reach them.</summary>
public static class CategoryRules
{
    /// <summary>The longest name the <c>categories</c> table accepts.</summary>

    /// <summary>Field → messages; empty when the request is valid.</summary>
    public static Dictionary<string, string[]> ValidateCreate(CreateCategoryRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (Validation.NameRule.Problem(request.Name) is { } name)
        {
            errors["name"] = [name];
        }

        if (request.ParentId == Guid.Empty)
        {
            errors["parent_id"] = ["parent_id must be a category id or absent"];
        }

        return errors;
    }

    /// <summary>The patch a PATCH body asks for, or the fields that are wrong.</summary>
    public static (CategoryPatch? Patch, Dictionary<string, string[]> Errors) ParsePatch(UpdateCategoryRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Name is not null && Validation.NameRule.Problem(request.Name) is { } name)
        {
            errors["name"] = [name];
        }

        var move = false;
        Guid? parentId = null;
        switch (request.ParentId.ValueKind)
        {
            case JsonValueKind.Undefined:
                break;
            case JsonValueKind.Null:
                move = true;
                break;
            case JsonValueKind.String when request.ParentId.TryGetGuid(out var id) && id != Guid.Empty:
                move = true;
                parentId = id;
                break;
            default:
                errors["parent_id"] = ["parent_id must be a category id, or null to move the category to the root"];
                break;
        }

        if (errors.Count == 0 && request.Name is null && !move)
        {
            errors["name"] = ["give name, parent_id or both"];
        }

        return errors.Count > 0 ? (null, errors) : (new CategoryPatch(request.Name?.Trim(), move, parentId), errors);
    }

    /// <summary>
    /// Whether the category <paramref name="id"/> at <paramref name="path"/> may move under
    /// <paramref name="newParentId"/> at <paramref name="newParentPath"/> (null: to the root). A category
    /// under itself or under one of its descendants would make a cycle.
    /// </summary>
    public static MoveCheck CheckMove(Guid id, string path, Guid? newParentId, string? newParentPath)
    {
        if (newParentId is null || newParentPath is null)
        {
            return MoveCheck.Allowed;
        }

        if (newParentId == id)
        {
            return MoveCheck.UnderItself;
        }

        return CategoryPath.IsWithin(newParentPath, path) ? MoveCheck.UnderOwnDescendant : MoveCheck.Allowed;
    }
}
