using System.Text.RegularExpressions;
using System.Xml.Linq;
using Newtonsoft.Json.Linq;

namespace CatalogHub.IntegrationTests.Hosting;

/// <summary>
/// The container deployment (Dockerfile, .dockerignore, docker-compose.yml) checked without a Docker engine:
/// the compose file against the official Compose Specification JSON schema (vendored in compose-spec.json),
/// then what the hub needs from it (two silos of one cluster on the compose PostgreSQL, reachable at their
/// service names, health-checked on /health), and the Dockerfile's shape (multi-stage, restore cached from
/// the project files, non-root runtime).
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string[] Silos = ["silo1", "silo2"];

    private static readonly string[] RootUsers = ["root", "0"];

    /// <summary>The aspnet image's non-root user, by its variable, name or UID.</summary>
    private static readonly string[] AppUsers = ["$APP_UID", "${APP_UID}", "app", "1654"];

    private static readonly Lazy<JObject> ComposeLazy = new(() =>
        (JObject)YamlJson.Parse(File.ReadAllText(DeploymentFiles.ComposePath)));

    private static readonly Lazy<IReadOnlyList<DockerInstruction>> DockerfileLazy = new(() =>
        Dockerfile.Parse(File.ReadAllText(DeploymentFiles.DockerfilePath)));

    private static JObject Compose => ComposeLazy.Value;

    private static IReadOnlyList<DockerInstruction> DockerfileInstructions => DockerfileLazy.Value;

    // ---- The compose file against the Compose Specification ---------------------------------------

    [Fact]
    public void TheComposeFileIsValidAgainstTheComposeSpecification()
    {
        var errors = DeploymentFiles.ComposeSchemaErrors(Compose);
        Assert.True(errors.Count == 0, "docker-compose.yml breaks the Compose Specification schema:\n" + string.Join('\n', errors));
    }

    [Fact]
    public void TheVendoredSchemaIsTheComposeSpecification()
    {
        var schema = JObject.Parse(File.ReadAllText(DeploymentFiles.ComposeSchemaPath));
        Assert.Equal("compose_spec.json", (string?)schema["$id"]);
        Assert.Equal("Compose Specification", (string?)schema["title"]);
        Assert.False((bool?)schema["additionalProperties"] ?? true);
        Assert.NotNull(schema.SelectToken("definitions.service.properties.healthcheck"));
    }

    /// <summary>The schema check is only worth something if it rejects broken files: each mutation must fail it.</summary>
    [Theory]
    [InlineData("a typo'd service key", "services.silo1", "healtcheck", "{\"test\": [\"CMD\", \"true\"]}", "healtcheck")]
    [InlineData("a typo'd top-level key", "", "servces", "{}", "servces")]
    [InlineData("a typo'd healthcheck key", "services.postgres.healthcheck", "intervall", "\"5s\"", "intervall")]
    [InlineData("an unknown depends_on condition", "services.silo2.depends_on.postgres", "condition", "\"service_healty\"", "depends_on")]
    [InlineData("a typo'd build key", "services.silo1.build", "dockerfil", "\"Dockerfile\"", "build")]
    [InlineData("a service name compose rejects", "services", "silo 3", "{\"image\": \"x\"}", "silo 3")]
    [InlineData("a mapping where a string is expected", "services.silo1", "image", "{\"name\": \"x\"}", "image")]
    public void TheSchemaCheckRejectsABrokenComposeFile(string what, string parentPath, string key, string valueJson, string expectedInErrors)
    {
        var broken = (JObject)Compose.DeepClone();
        var parent = parentPath.Length == 0 ? broken : (JObject?)broken.SelectToken(parentPath);
        Assert.True(parent is not null, $"{parentPath} is missing from docker-compose.yml");
        parent[key] = JToken.Parse(valueJson);

        var errors = DeploymentFiles.ComposeSchemaErrors(broken);

        Assert.True(errors.Count > 0, $"The schema check accepted {what}.");
        Assert.Contains(errors, e => e.Contains(expectedInErrors, StringComparison.Ordinal));
    }

    [Fact]
    public void TheSchemaCheckRejectsATypoInTheYamlText()
    {
        var text = File.ReadAllText(DeploymentFiles.ComposePath);
        const string Original = "\n  silo1:\n";
        Assert.Contains(Original, text, StringComparison.Ordinal);
        var broken = text.Replace(Original, "\n  silo1:\n    restrat: always\n", StringComparison.Ordinal);

        var errors = DeploymentFiles.ComposeSchemaErrors(YamlJson.Parse(broken));

        Assert.Contains(errors, e => e.Contains("restrat", StringComparison.Ordinal));
    }

    [Fact]
    public void YamlIsReadAsComposeReadsIt()
    {
        var document = YamlJson.Parse("""
            x-base: &base
              a: 1
              b: "2"
            one:
              <<: *base
              c: true
              d: 1.5
              e:
              f: '00'
              g: [x, *base]
            two:
              <<: *base
              a: 5
            """);
        Assert.Equal(JTokenType.Integer, document.SelectToken("one.a")!.Type);
        Assert.Equal(JTokenType.String, document.SelectToken("one.b")!.Type);
        Assert.Equal(JTokenType.Boolean, document.SelectToken("one.c")!.Type);
        Assert.Equal(JTokenType.Float, document.SelectToken("one.d")!.Type);
        Assert.Equal(JTokenType.Null, document.SelectToken("one.e")!.Type);
        Assert.Equal("00", (string?)document.SelectToken("one.f"));
        Assert.Equal(1L, (long?)document.SelectToken("one.g[1].a"));
        Assert.Equal(5L, (long?)document.SelectToken("two.a"));
        Assert.Equal("2", (string?)document.SelectToken("two.b"));
        Assert.Throws<YamlDotNet.Core.YamlException>(() => YamlJson.Parse("a: 1\na: 2\n"));
    }

    // ---- What the hub needs from the compose file ---------------------------------------------------

    [Fact]
    public void TheComposeFileUsesTheSpecFormatWithoutAVersionKey()
    {
        Assert.Null(Compose.Property("version", StringComparison.Ordinal));
        Assert.Equal(["postgres", "silo1", "silo2"], Service.Names(Compose).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PostgresIsVersion16WithANamedVolumeAndAPgIsReadyHealthcheck()
    {
        var postgres = Service.Get(Compose, "postgres");
        Assert.Equal("postgres:16", (string?)postgres["image"]);

        var environment = Service.Environment(postgres);
        Assert.Equal("hub", environment["POSTGRES_DB"]);
        Assert.Equal("hub", environment["POSTGRES_USER"]);
        Assert.Matches(@"^\$\{HUB_DB_PASSWORD:-[^}]+\}$", environment["POSTGRES_PASSWORD"] ?? "");

        var volumes = (postgres["volumes"]?.Values<string>() ?? []).OfType<string>().ToList();
        var data = Assert.Single(volumes, v => v.EndsWith(":/var/lib/postgresql/data", StringComparison.Ordinal));
        var volumeName = data[..data.IndexOf(':', StringComparison.Ordinal)];
        Assert.DoesNotContain('/', volumeName);
        Assert.True(((JObject?)Compose["volumes"])?.ContainsKey(volumeName), $"volume {volumeName} is not declared under the top-level volumes");

        Assert.Contains("pg_isready", Service.HealthcheckCommand(postgres), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("silo1", 8080)]
    [InlineData("silo2", 8081)]
    public void EachSiloIsBuiltFromTheDockerfileAndPublishesHttpOnItsHostPort(string name, int hostPort)
    {
        var silo = Service.Get(Compose, name);

        var build = silo["build"];
        var (context, dockerfile) = build?.Type == JTokenType.String
            ? ((string?)build, "Dockerfile")
            : ((string?)build?["context"], (string?)build?["dockerfile"] ?? "Dockerfile");
        Assert.Equal(".", context);
        Assert.True(File.Exists(Path.Combine(DeploymentFiles.Root, dockerfile)), $"{name} builds from {dockerfile}, which does not exist");

        Assert.Equal("unless-stopped", (string?)silo["restart"]);
        Assert.Equal("service_healthy", (string?)silo.SelectToken("depends_on.postgres.condition"));

        var httpPort = ContainerHttpPort(silo);
        var published = Service.PublishedPorts(silo);
        Assert.Contains((hostPort, httpPort), published);
        Assert.DoesNotContain(published, p => p.Target is 11111 or 30000);
    }

    [Theory]
    [InlineData("silo1")]
    [InlineData("silo2")]
    public void EachSiloIsHealthCheckedOnTheHealthEndpoint(string name)
    {
        var silo = Service.Get(Compose, name);
        var command = Service.HealthcheckCommand(silo);
        Assert.Contains("GET /health ", command, StringComparison.Ordinal);
        Assert.Contains($"/dev/tcp/127.0.0.1/{ContainerHttpPort(silo)}", command, StringComparison.Ordinal);
        Assert.Contains("200", command, StringComparison.Ordinal);
        Assert.NotNull(silo.SelectToken("healthcheck.start_period"));
    }

    [Fact]
    public void TheSilosFormOneClusterOnTheComposePostgres()
    {
        var environments = Silos.Select(s => Service.Environment(Service.Get(Compose, s))).ToList();
        foreach (var key in new[] { "Hub__ClusterId", "Hub__ServiceId", "ConnectionStrings__Hub", "Hub__SiloPort", "Hub__GatewayPort", "Hub__BootstrapAdminKey" })
        {
            var values = environments.Select(e => e.GetValueOrDefault(key)).ToList();
            Assert.True(values.All(v => !string.IsNullOrWhiteSpace(v)), $"{key} is not set on every silo");
            Assert.True(values.Distinct().Count() == 1, $"{key} differs between the silos: {string.Join(" / ", values)}");
        }

        var connection = ConnectionStringParts(environments[0]["ConnectionStrings__Hub"]!);
        var postgres = Service.Environment(Service.Get(Compose, "postgres"));
        Assert.Equal("postgres", connection.GetValueOrDefault("Host"));
        Assert.Equal(postgres["POSTGRES_DB"], connection.GetValueOrDefault("Database"));
        Assert.Equal(postgres["POSTGRES_USER"], connection.GetValueOrDefault("Username"));
        Assert.Equal(postgres["POSTGRES_PASSWORD"], connection.GetValueOrDefault("Password"));
        Assert.NotEqual(environments[0]["Hub__SiloPort"], environments[0]["Hub__GatewayPort"]);
    }

    [Theory]
    [InlineData("silo1")]
    [InlineData("silo2")]
    public void EachSiloAdvertisesItsOwnServiceName(string name) =>
        Assert.Equal(name, Service.Environment(Service.Get(Compose, name)).GetValueOrDefault("Hub__AdvertisedHost"));

    [Fact]
    public void TheAdminKeyMustBeSuppliedAndHasNoDefault()
    {
        var key = Service.Environment(Service.Get(Compose, "silo1"))["Hub__BootstrapAdminKey"];
        Assert.Matches(@"^\$\{HUB_ADMIN_KEY:\?[^}]+\}$", key ?? "");
    }

    /// <summary>
    /// Compose interpolates <c>$name</c> and <c>${...}</c> in every value, so a shell variable in a healthcheck
    /// must be written <c>$$name</c>. House rule: every <c>$</c> is a braced interpolation or escaped.
    /// </summary>
    [Fact]
    public void EveryDollarSignIsAnInterpolationOrEscaped()
    {
        var strings = Compose.Descendants().OfType<JValue>().Where(v => v.Type == JTokenType.String).Select(v => (string)v!);
        foreach (var value in strings)
        {
            var unescaped = value.Replace("$$", "", StringComparison.Ordinal);
            Assert.False(BareDollar().IsMatch(unescaped), $"Unescaped '$' in \"{value}\": compose would interpolate it (write $$).");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static List<DockerInstruction> FinalStage()
    {
        var last = DockerfileInstructions.Max(i => i.Stage);
        return [.. DockerfileInstructions.Where(i => i.Stage == last)];
    }

    /// <summary>The source operands of a COPY (flags and the destination dropped; JSON form not used here).</summary>
    private static IEnumerable<string> CopySources(string arguments)
    {
        var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
        return parts.Take(parts.Count - 1);
    }

    /// <summary>Silo.csproj and every project it references, directly or not, as repository-relative paths.</summary>
    private static SortedSet<string> SiloProjectClosure()
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.Combine(DeploymentFiles.Root, "Silo", "Silo.csproj")]);
        while (pending.Count > 0)
        {
            var project = Path.GetFullPath(pending.Pop());
            if (!result.Add(Path.GetRelativePath(DeploymentFiles.Root, project).Replace('\\', '/')))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar);
                pending.Push(Path.Combine(Path.GetDirectoryName(project)!, include));
            }
        }

        return result;
    }

    /// <summary>The HTTP port inside a silo container: ASPNETCORE_HTTP_PORTS, else the image's 8080.</summary>
    private static int ContainerHttpPort(JObject silo) =>
        int.Parse(Service.Environment(silo).GetValueOrDefault("ASPNETCORE_HTTP_PORTS") ?? "8080", System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, string> ConnectionStringParts(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(kv => kv[0].Trim(), kv => kv.Length > 1 ? kv[1].Trim() : "", StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"\$(?!\{[A-Za-z_][A-Za-z0-9_]*(?:(?::?[-?+])[^}]*)?\})")]
    private static partial Regex BareDollar();

    /// <summary>Reading services the way Compose allows them to be written (short and long syntaxes).</summary>
    private static class Service
    {
        public static IEnumerable<string> Names(JObject compose) =>
            ((JObject?)compose["services"])?.Properties().Select(p => p.Name) ?? [];

        public static JObject Get(JObject compose, string name) =>
            compose.SelectToken($"services.{name}") as JObject
            ?? throw new Xunit.Sdk.XunitException($"docker-compose.yml has no service '{name}'.");

        public static Dictionary<string, string?> Environment(JObject service)
        {
            var result = new Dictionary<string, string?>(StringComparer.Ordinal);
            switch (service["environment"])
            {
                case JObject map:
                    foreach (var property in map.Properties())
                    {
                        result[property.Name] = property.Value.Type == JTokenType.Null ? null : property.Value.ToString();
                    }

                    break;
                case JArray list:
                    foreach (var item in list.Values<string>())
                    {
                        var parts = item!.Split('=', 2);
                        result[parts[0]] = parts.Length > 1 ? parts[1] : null;
                    }

                    break;
                default:
                    break;
            }

            return result;
        }

        /// <summary>The healthcheck's test as one string (CMD / CMD-SHELL form or a plain string).</summary>
        public static string HealthcheckCommand(JObject service)
        {
            var test = service.SelectToken("healthcheck.test")
                ?? throw new Xunit.Sdk.XunitException("The service has no healthcheck test.");
            Assert.False(service.SelectToken("healthcheck.disable")?.Value<bool>() ?? false, "The healthcheck is disabled.");
            return test.Type == JTokenType.Array ? string.Join(' ', test.Values<string>()) : test.ToString();
        }

        /// <summary>(host port, container port) pairs of the ports section.</summary>
        public static List<(int Published, int Target)> PublishedPorts(JObject service)
        {
            var result = new List<(int, int)>();
            foreach (var port in service["ports"] ?? new JArray())
            {
                if (port is JObject mapping)
                {
                    result.Add(((int)mapping["published"]!, (int)mapping["target"]!));
                    continue;
                }

                // Short syntax: [IP:]HOST:CONTAINER[/protocol]
                var text = port.ToString().Split('/')[0];
                var parts = text.Split(':');
                if (parts.Length >= 2
                    && int.TryParse(parts[^2], System.Globalization.CultureInfo.InvariantCulture, out var published)
                    && int.TryParse(parts[^1], System.Globalization.CultureInfo.InvariantCulture, out var target))
                {
                    result.Add((published, target));
                }
            }

            return result;
        }
    }
}
