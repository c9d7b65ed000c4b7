namespace CatalogHub.Silo.Database;

/// <summary>The local PostgreSQL cluster could not be provisioned or started; the message says what to do.</summary>
public sealed class LocalPostgresException(string message) : Exception(message);
