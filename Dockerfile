# syntax=docker/dockerfile:1
# KlantCentraal: SDK build stage -> ASP.NET Core runtime image, running as a non-root user.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/KlantCentraal.Domain/KlantCentraal.Domain.csproj src/KlantCentraal.Domain/
COPY src/KlantCentraal.Web/KlantCentraal.Web.csproj src/KlantCentraal.Web/
RUN dotnet restore src/KlantCentraal.Web/KlantCentraal.Web.csproj
COPY src/ src/
RUN dotnet publish src/KlantCentraal.Web/KlantCentraal.Web.csproj -c Release --no-restore -o /app/publish /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl only for the HEALTHCHECK below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/publish .
RUN mkdir -p /app/data && chown -R "$APP_UID" /app/data
# Behind a TLS-terminating proxy also set ASPNETCORE_FORWARDEDHEADERS_ENABLED=true (cookies are Secure).
# Letters need Mail__SmtpHost (or Mail__Delivery=Pickup when a relay empties the pickup folder): else the app stops.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Database__Provider=Sqlite \
    ConnectionStrings__Sqlite="Data Source=/app/data/klantcentraal.db"
# SQLite lives in this volume; for SQL Server set Database__Provider=SqlServer and ConnectionStrings__SqlServer.
VOLUME ["/app/data"]
USER $APP_UID
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl --fail --silent http://localhost:8080/health || exit 1
ENTRYPOINT ["dotnet", "KlantCentraal.Web.dll"]
