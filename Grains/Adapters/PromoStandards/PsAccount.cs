namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>
/// The supplier account sent in every request body (<c>id</c>, <c>password</c>). Its <see cref="ToString"/>
/// shows neither, so it cannot leak into logs or messages by accident.
/// </summary>
public sealed class PsAccount(string id, string? password)
{
    public string Id { get; } = id;

    /// <summary>XSD-optional; omitted from requests when null.</summary>
    public string? Password { get; } = password;

    /// <summary><paramref name="text"/> with the password replaced, for supplier text that might echo it.</summary>
    public string Redact(string text) =>
        string.IsNullOrEmpty(Password) ? text : text.Replace(Password, "***", StringComparison.Ordinal);

    public override string ToString() => "PsAccount(***)";
}
