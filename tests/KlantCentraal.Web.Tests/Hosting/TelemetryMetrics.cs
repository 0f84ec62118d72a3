using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using KlantCentraal.Web.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Hosting;

/// <summary>Issue 30, item 3: the business figures on a Prometheus endpoint for whoever holds the scrape token, and log lines an operator can follow.</summary>
public sealed class TelemetryMetrics : IDisposable
{
    private const string Token = "scrape-token-for-the-tests-0123456789";
    private readonly KlantCentraalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private WebApplicationFactory<Program> WithPrometheus() => _factory.WithWebHostBuilder(b => b
        .UseSetting("OpenTelemetry:PrometheusEnabled", "true")
        .UseSetting("OpenTelemetry:ScrapeToken", Token));

    [Fact]
    public async Task The_metrics_endpoint_shows_the_business_figures_after_a_desk_write()
    {
        using var app = WithPrometheus();
        var desk = app.CreateClient(new() { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        var form = DeskForm.Valid();
        form["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(await desk.GetHtmlAsync("/Desk"));
        var recorded = await desk.PostAsync("/Desk", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BacklogSampler>().SampleAsync(CancellationToken.None);
        }

        var scraper = app.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var metrics = await scraper.GetStringAsync("/metrics");

        Assert.Contains("klantcentraal_complaints_recorded_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("channel=\"Counter\"", metrics, StringComparison.Ordinal);
        Assert.Contains("remedy=\"Refund\"", metrics, StringComparison.Ordinal);
        Assert.Contains("klantcentraal_complaints_resolved_total{", metrics, StringComparison.Ordinal);
        Assert.Contains("klantcentraal_goodwill_granted", metrics, StringComparison.Ordinal);
        // The resolution queued its investigation in the same transaction: one item waits for the worker (off in tests).
        Assert.Matches(@"klantcentraal_rootcause_queue_depth(\{[^}]*\})? [1-9]", metrics);
        Assert.Contains("klantcentraal_outbox_backlog", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_scrape_token_the_figures_stay_closed()
    {
        using var app = WithPrometheus();
        var anonymous = app.CreateClient();
        var wrong = app.CreateClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token + "x");

        var none = await anonymous.GetAsync("/metrics");
        var guessed = await wrong.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, guessed.StatusCode);
        Assert.DoesNotContain("klantcentraal_", await guessed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var basic = new HttpRequestMessage(HttpMethod.Get, "/metrics"))
        {
            basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("prometheus:" + Token)));
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(basic)).StatusCode);
        }

        // The scheme's case is free (RFC 9110): a scraper that writes "bearer" gets in with the right token.
        using var lowerCase = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        lowerCase.Headers.TryAddWithoutValidation("Authorization", "bearer " + Token);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(lowerCase)).StatusCode);
        // Switched off (the default), there is no such page at all.
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateClient().GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public void Wrong_telemetry_settings_stop_the_start_with_their_own_lines()
    {
        using var wrong = _factory.WithWebHostBuilder(b => b
            .UseSetting("OpenTelemetry:Endpoint", "otel-collector:4317")
            .UseSetting("OpenTelemetry:Protocol", "udp")
            .UseSetting("OpenTelemetry:PrometheusEnabled", "true")
            .UseSetting("OpenTelemetry:ScrapeToken", "kort")
            .UseSetting("OpenTelemetry:BacklogInterval", "00:00:00")
            .UseSetting("Logging:Format", "xml"));

        var failure = Assert.ThrowsAny<Exception>(() => wrong.CreateClient()).ToString();

        Assert.Contains("- OpenTelemetry:Endpoint 'otel-collector:4317' must be the absolute http(s) address of an OTLP collector", failure, StringComparison.Ordinal);
        Assert.Contains("- OpenTelemetry:Protocol is 'udp': use grpc (the default) or http/protobuf.", failure, StringComparison.Ordinal);
        Assert.Contains("- OpenTelemetry:PrometheusEnabled is on, but OpenTelemetry:ScrapeToken is shorter than 16 characters", failure, StringComparison.Ordinal);
        Assert.Contains("- OpenTelemetry:BacklogInterval is '00:00:00': give a time from 00:00:01 to 01:00:00", failure, StringComparison.Ordinal);
        Assert.Contains("- Logging:Format is 'xml': use text (the default, one line per event) or json", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_json_logs_every_line_is_json_and_a_request_s_lines_carry_its_trace_id()
    {
        var folder = Path.Combine(Path.GetTempPath(), "klantcentraal-logs", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var app = await AppProcess.StartAsync(_factory.DatabasePath, folder, settings: new Dictionary<string, string> { ["Logging__Format"] = "json" });
            using var client = new HttpClient { BaseAddress = app.BaseAddress };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Track")).StatusCode);
            await app.WaitForOutputAsync(line => line.Contains("\"RequestPath\":\"/Track\"", StringComparison.Ordinal));

            // Every line the process wrote is one JSON object with its time; the request's own line names its trace.
            var events = app.Output.Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.All(events, e => Assert.True(e.TryGetProperty("@t", out _), "a line without its time"));
            var request = events.Single(e => e.TryGetProperty("RequestPath", out var path) && path.GetString() == "/Track");
            Assert.Matches("^[0-9a-f]{32}$", request.GetProperty("@tr").GetString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
