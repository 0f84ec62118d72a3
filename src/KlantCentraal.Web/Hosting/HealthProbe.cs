namespace KlantCentraal.Web.Hosting;

/// <summary>
/// <c>dotnet KlantCentraal.Web.dll health [URL]</c>: the container's HEALTHCHECK without curl or a shell (the runtime
/// image is chiseled). Asks <c>/health/live</c> on this container's own port and exits 0 when it answers 200, else 1.
/// </summary>
public static class HealthProbe
{
    public static async Task<int> RunAsync(string? url, CancellationToken cancellationToken)
    {
        var port = (Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS") ?? "8080").Split(';', ',')[0].Trim();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(new Uri(url ?? $"http://127.0.0.1:{port}/health/live"), cancellationToken);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"Health probe failed: {ex.Message}");
            return 1;
        }
    }
}
