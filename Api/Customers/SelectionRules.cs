namespace CatalogHub.Api.Customers;

/// <summary>The rules of customer, selection and push requests; pure, so unit tests reach them.</summary>
public static class SelectionRules
{
    public const string Selected = "selected";
    public const string Pushing = "pushing";
    public const string Pushed = "pushed";
    public const string Stale = "stale";

    /// <summary>Every selection status, in lifecycle order.</summary>
    public static readonly IReadOnlyList<string> Statuses = [Selected, Pushing, Pushed, Stale];

    /// <summary>The most product ids one request may carry (the hub's per-request entry limit).</summary>
    public const int MaxProductIds = 10_000;

    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    /// <summary>Field → messages for a new customer; empty when valid.</summary>
    public static Dictionary<string, string[]> ValidateCustomer(CreateCustomerRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (Validation.NameRule.Problem(request.Name) is { } name)
        {
            errors["name"] = [name];
        }

        return errors;
    }

    /// <summary>
    /// Checks a list of product ids (<paramref name="required"/>: it must be given and non-empty) and returns
    /// it without duplicates, in first-seen order.
    /// </summary>
    public static (IReadOnlyList<Guid>? Ids, Dictionary<string, string[]> Errors) ValidateProductIds(IReadOnlyList<Guid>? ids, bool required)
    {
        var errors = new Dictionary<string, string[]>();
        if (ids is null || ids.Count == 0)
        {
            if (required || ids is not null)
            {
                errors["product_ids"] = ["product_ids must list at least one product id"];
            }

            return (null, errors);
        }

        if (ids.Count > MaxProductIds)
        {
            errors["product_ids"] = [$"product_ids may list at most {MaxProductIds} ids"];
        }
        else if (ids.Contains(Guid.Empty))
        {
            errors["product_ids"] = ["product_ids must not contain the empty id"];
        }

        return errors.Count > 0 ? (null, errors) : ([.. ids.Distinct()], errors);
    }

    /// <summary>The status filter (null: all), or an error naming the allowed values.</summary>
    public static (string? Status, Dictionary<string, string[]> Errors) ParseStatus(string? status)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is null)
        {
            return (null, errors);
        }

        if (!Statuses.Contains(status))
        {
            errors["status"] = [$"status must be one of: {string.Join(", ", Statuses)}"];
            return (null, errors);
        }

        return (status, errors);
    }

    /// <summary>Paging with the defaults (skip 0, limit 50) and the cap (limit above 1000 is 1000); negatives are errors.</summary>
    public static (int Skip, int Limit, Dictionary<string, string[]> Errors) Page(int? skip, int? limit)
    {
        var errors = new Dictionary<string, string[]>();
        if (skip < 0)
        {
            errors["skip"] = ["skip must be 0 or more"];
        }

        if (limit < 0)
        {
            errors["limit"] = ["limit must be 0 or more"];
        }

        return (skip ?? 0, Math.Min(limit ?? DefaultLimit, MaxLimit), errors);
    }

    /// <summary>Product ids as a sentence fragment for a problem's message.</summary>
    public static string List(IEnumerable<Guid> ids) => string.Join(", ", ids);
}
