# syntax=docker/dockerfile:1
#
# Catalog Hub: one process per container = Orleans silo + HTTP API + dashboard (/dashboard).
#
#   docker build -t catalog-hub .
#   docker run -e ConnectionStrings__Hub="Host=...;Database=hub;Username=hub;Password=..." \
#              -e Hub__AdvertisedHost=<name other silos reach this container at> -p 8080:8080 catalog-hub
#
# The image needs ConnectionStrings__Hub: the no-setup local PostgreSQL (empty connection string) is for
# developer machines and has no server binaries (nor a writable /app) here. docker-compose.yml runs a
# two-silo cluster on PostgreSQL.

# ---- build ---------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the files that decide the package graph only, so that a source change reuses the
# restored layer. .editorconfig is part of the build (analyzer severities, with warnings as errors).
COPY global.json nuget.config Directory.Build.props Directory.Packages.props .editorconfig ./
COPY Grains.Interfaces/Grains.Interfaces.csproj Grains.Interfaces/
COPY Grains/Grains.csproj Grains/
COPY Api/Api.csproj Api/
COPY Silo/Silo.csproj Silo/
COPY tools/SupplierSimulator/SupplierSimulator.csproj tools/SupplierSimulator/
COPY tools/ToolHosting/ToolHosting.csproj tools/ToolHosting/
RUN dotnet restore Silo/Silo.csproj

COPY Grains.Interfaces/ Grains.Interfaces/
COPY Grains/ Grains/
COPY Api/ Api/
COPY Silo/ Silo/
COPY tools/SupplierSimulator/ tools/SupplierSimulator/
COPY tools/ToolHosting/ tools/ToolHosting/
RUN dotnet publish Silo/Silo.csproj --configuration Release --no-restore --output /app/publish -p:UseAppHost=false

# ---- runtime -------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# HTTP (API, /health, /alive, /dashboard), silo-to-silo, Orleans gateway (Hub:SiloPort, Hub:GatewayPort).
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080 11111 30000

# The application files stay owned by root: the process can read them but not change them.
COPY --from=build /app/publish ./

# Non-root: the image's `app` user (UID 1654).
USER $APP_UID

# Readiness probe without curl or wget (the aspnet image has neither, and installing one only for this
# would add a package and its CVEs to every image): bash's /dev/tcp sends a GET /health to Kestrel and the
# probe passes only on a 200 status line (/health answers 503 until PostgreSQL and the silo are up).
# docker-compose.yml runs the same probe with its own timings.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r -t 4 status <&3 && [[ $status == 'HTTP/1.1 200'* ]]"]

ENTRYPOINT ["dotnet", "Silo.dll"]
