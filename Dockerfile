# syntax=docker/dockerfile:1
# KlantCentraal: SDK build stage -> chiseled ASP.NET Core runtime image (no shell, no package manager, no curl),
# running as the image's non-root user.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/KlantCentraal.Domain/KlantCentraal.Domain.csproj src/KlantCentraal.Domain/
COPY src/KlantCentraal.Web/KlantCentraal.Web.csproj src/KlantCentraal.Web/
RUN dotnet restore src/KlantCentraal.Web/KlantCentraal.Web.csproj
COPY src/ src/
RUN dotnet publish src/KlantCentraal.Web/KlantCentraal.Web.csproj -c Release --no-restore -o /app/publish /p:UseAppHost=false \
    && mkdir -p /app/data

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app/publish .
# The chiseled image has no shell to mkdir/chown with: the data folder comes from the build stage, owned by the app user.
COPY --from=build --chown=$APP_UID /app/data /app/data
# Behind a TLS-terminating proxy also set ASPNETCORE_FORWARDEDHEADERS_ENABLED=true (cookies are Secure).
# Letters need Mail__SmtpHost (or Mail__Delivery=Pickup when a relay empties the pickup folder): else the app stops.
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Database__Provider=Sqlite \
    ConnectionStrings__Sqlite="Data Source=/app/data/klantcentraal.db"
# SQLite lives in this volume; for a server engine set Database__Provider=PostgreSQL or SqlServer and its connection string.
VOLUME ["/app/data"]
USER $APP_UID
EXPOSE 8080
# The app probes itself (`health`: GET /health/live on its own port): no curl in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["dotnet", "KlantCentraal.Web.dll", "health"]
ENTRYPOINT ["dotnet", "KlantCentraal.Web.dll"]
