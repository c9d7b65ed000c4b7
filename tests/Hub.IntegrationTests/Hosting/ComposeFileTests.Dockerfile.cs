using System.Text.RegularExpressions;
using System.Xml.Linq;
using Newtonsoft.Json.Linq;

namespace CatalogHub.IntegrationTests.Hosting;

/// <summary>The Dockerfile and its build context (see <see cref="ComposeFileTests"/>).</summary>
public sealed partial class ComposeFileTests
{
    // ---- The Dockerfile and its build context ---------------------------------------------------------

    [Fact]
    public void TheDockerfileBuildsOnTheSdkAndRunsOnTheAspNetRuntime()
    {
        var froms = DockerfileInstructions.Where(i => i.Keyword == "FROM").Select(i => i.Arguments).ToList();
        Assert.True(froms.Count >= 2, "The Dockerfile is not multi-stage.");
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/sdk:10\.0 [Aa][Ss] build$", froms[0]);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/aspnet:10\.0( |$)", froms[^1]);
        Assert.Contains(FinalStage(), i => i.Keyword == "COPY" && i.Arguments.StartsWith("--from=build ", StringComparison.Ordinal));
        Assert.Contains(DockerfileInstructions, i => i.Keyword == "RUN" && Regex.IsMatch(i.Arguments, @"^dotnet publish Silo/Silo\.csproj .*--configuration Release"));
        Assert.Contains(FinalStage(), i => i.Keyword == "ENTRYPOINT" && i.Arguments.Contains("\"Silo.dll\"", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRuntimeStageRunsAsANonRootUser()
    {
        var user = FinalStage().LastOrDefault(i => i.Keyword == "USER");
        Assert.True(user is not null, "The runtime stage has no USER: the hub would run as root.");
        var name = user.Arguments.Split(':')[0];
        Assert.DoesNotContain(name, RootUsers);
        Assert.Contains(name, AppUsers);
    }

    [Fact]
    public void TheRuntimeStageExposesTheHubPortsAndProbesHealth()
    {
        var exposed = FinalStage().Where(i => i.Keyword == "EXPOSE").SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet();
        Assert.Superset(new HashSet<string> { "8080", "11111", "30000" }, exposed);

        var healthcheck = Assert.Single(FinalStage(), i => i.Keyword == "HEALTHCHECK");
        Assert.Contains("GET /health ", healthcheck.Arguments, StringComparison.Ordinal);
        Assert.Contains("/dev/tcp/127.0.0.1/8080", healthcheck.Arguments, StringComparison.Ordinal);
    }

    /// <summary>
    /// Layer caching: before <c>dotnet restore</c> only the files that decide the package graph are copied,
    /// and they include the project file of every project the Silo depends on (a new project reference must
    /// be added to the Dockerfile, or the restore would miss it).
    /// </summary>
    [Fact]
    public void RestoreRunsOnTheProjectFilesBeforeTheSourcesAreCopied()
    {
        var build = DockerfileInstructions.Where(i => i.Stage == 0).ToList();
        var restore = build.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        Assert.True(restore > 0, "The build stage has no `RUN dotnet restore`.");

        var copiedBefore = build.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(i => CopySources(i.Arguments)).ToList();
        var restoreInputs = new[] { "global.json", "nuget.config", "Directory.Build.props", "Directory.Packages.props" };
        Assert.Superset(restoreInputs.ToHashSet(StringComparer.Ordinal), copiedBefore.ToHashSet(StringComparer.Ordinal));
        Assert.All(copiedBefore, source => Assert.True(
            restoreInputs.Contains(source, StringComparer.Ordinal) || source == ".editorconfig" || source.EndsWith(".csproj", StringComparison.Ordinal),
            $"{source} is copied before the restore: a change to it would invalidate the restored layer."));

        foreach (var project in SiloProjectClosure())
        {
            Assert.Contains(project, copiedBefore);
            var directory = project[..(project.LastIndexOf('/') + 1)];
            Assert.Contains(build.Skip(restore + 1), i => i.Keyword == "COPY" && CopySources(i.Arguments).Contains(directory));
        }
    }

    [Fact]
    public void EverythingTheDockerfileCopiesExistsInTheBuildContext()
    {
        var sources = DockerfileInstructions.Where(i => i.Keyword == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(i => CopySources(i.Arguments));
        foreach (var source in sources)
        {
            var path = Path.Combine(DeploymentFiles.Root, source);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY {source}: not in the repository");
        }
    }

    [Fact]
    public void TheDockerignoreKeepsBuildOutputsAndLocalStateOut()
    {
        var patterns = File.ReadAllLines(DeploymentFiles.DockerignorePath)
            .Select(l => l.Trim().TrimEnd('/'))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var required in new[] { "**/bin", "**/obj", "**/.hub", ".git" })
        {
            Assert.Contains(required, patterns);
        }
    }
}
