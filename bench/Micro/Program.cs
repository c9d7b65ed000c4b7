using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Micro -- --filter '*'   (or a class name, e.g. '*ProductContent*')
BenchmarkSwitcher.FromAssembly(typeof(CatalogHub.Bench.Micro.ProductContentBenchmarks).Assembly).Run(args);
