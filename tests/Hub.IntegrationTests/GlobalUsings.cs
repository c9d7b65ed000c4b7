global using CatalogHub.IntegrationTests.Infrastructure;
global using CatalogHub.Harness;

// The integration tests run PostgreSQL server binaries and silo processes: Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
