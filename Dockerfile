# syntax=docker/dockerfile:1
# ActivityDashboard: build with the .NET SDK, run on the slim ASP.NET Core runtime as a non-root user.
# The receipts database is external: pass ConnectionStrings__Receipts (and the LiteLlm__* settings) at run time.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files only, so the package layer is reused while only sources change.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ActivityDashboard.Core/ActivityDashboard.Core.csproj src/ActivityDashboard.Core/
COPY src/ActivityDashboard/ActivityDashboard.csproj src/ActivityDashboard/
RUN dotnet restore src/ActivityDashboard/ActivityDashboard.csproj

COPY src/ src/
RUN dotnet publish src/ActivityDashboard/ActivityDashboard.csproj \
    --configuration Release \
    --no-restore \
    --output /app \
    -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_NOLOGO=1
EXPOSE 8080

# The image's built-in unprivileged 'app' user (APP_UID is defined by the .NET base images).
USER $APP_UID

# Liveness, not readiness: the app's own 'health' command asks /health/live on ASPNETCORE_URLS (the runtime image has
# no curl). A database outage shows in /health/ready and on the pages; restarting the container would not fix it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "ActivityDashboard.dll", "health"]

# 'docker run <image>' serves the dashboard; 'docker run <image> migrate' applies the database migrations and exits;
# 'docker run <image> health' is the HEALTHCHECK above.
ENTRYPOINT ["dotnet", "ActivityDashboard.dll"]
