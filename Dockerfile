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

# 'docker run <image>' serves the dashboard; 'docker run <image> migrate' applies the database migrations and exits.
ENTRYPOINT ["dotnet", "ActivityDashboard.dll"]
