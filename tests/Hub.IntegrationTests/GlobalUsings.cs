global using CatalogHub.IntegrationTests.Infrastructure;
