using System.Diagnostics;
using System.Text.Json;

namespace KlantCentraal.Web.Tests.Api;

/// <summary>
/// Issue 29: the OpenAPI document passes Redocly CLI 2.77's recommended rules with no error and no warning
/// (installed in tests/openapi by tests/test.sh): every operation has a summary, an operationId and its 4xx answers,
/// enums are enums, the multipart message lists its fields, and pages' own routes stay out of it.
/// </summary>
public sealed class OpenApiLint : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task The_api_description_passes_redoclys_recommended_rules_without_errors_or_warnings()
    {
        using var app = _root.WithWebHostBuilder(b => b.UseSetting("Organisation:PublicBaseUrl", "https://klachten.winkelketen.nl"));
        var document = await app.CreateClient().GetStringAsync("/openapi/v1.json");
        var file = Path.Combine(Path.GetTempPath(), $"klantcentraal-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document);
        try
        {
            var (exit, output) = await LintAsync(file);

            using var report = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]);
            var problems = report.RootElement.GetProperty("problems").EnumerateArray()
                .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()}").ToList();
            Assert.Empty(problems);
            Assert.Equal(0, exit);
        }
        finally
        {
            File.Delete(file);
        }

        using var parsed = JsonDocument.Parse(document);
        var paths = parsed.RootElement.GetProperty("paths");
        Assert.False(paths.TryGetProperty("/culture/{culture}", out _));
        var message = paths.GetProperty("/api/v1/complaints/{code}/messages").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties");
        Assert.True(message.TryGetProperty("text", out _) && message.TryGetProperty("files", out _));
        Assert.Contains("Resolved", parsed.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ComplaintStatus").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    private static async Task<(int Exit, string Output)> LintAsync(string file)
    {
        var folder = Path.Combine(Repository.Root(), "tests", "openapi");
        var redocly = Path.Combine(folder, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), "Redocly CLI is not installed: run the tests with tests/test.sh, which installs it in tests/openapi.");
        var start = new ProcessStartInfo(redocly, ["lint", file, "--extends", "recommended", "--format", "json"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(limit.Token);
            var errors = process.StandardError.ReadToEndAsync(limit.Token);
            await process.WaitForExitAsync(limit.Token);
            _ = await errors; // Node's deprecation notice for version 20, not the report
            return (process.ExitCode, await output);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
