using System.Diagnostics;
using System.Net;

namespace KlantCentraal.Web.Tests.Hosting;

/// <summary>Issue 30, item 6: a first look over plain HTTP when asked for explicitly, and a health check without curl.</summary>
public sealed class Containers : IDisposable
{
    private readonly KlantCentraalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Production_redirects_plain_http_to_https_unless_plain_http_is_asked_for_explicitly()
    {
        using var secure = _factory.InProduction();
        using var plain = _factory.InProduction(b => b.UseSetting("Hosting:PlainHttp", "true"));

        var redirected = await secure.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/");
        var firstLook = await plain.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.StartsWith("https://", redirected.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, firstLook.StatusCode);
        Assert.False(firstLook.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains(_factory.Logged.Messages, m => m.Contains("is on: plain HTTP without redirect", StringComparison.Ordinal));
        var admin = plain.CreateClient(new() { AllowAutoRedirect = false });
        await admin.SignInAsync(KlantCentraalFactory.ProductionAdmin, KlantCentraalFactory.ProductionAdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Staff")).StatusCode);
    }

    [Fact]
    public async Task The_health_command_exits_0_when_the_app_is_live_and_1_when_nothing_answers()
    {
        var folder = Path.Combine(Path.GetTempPath(), "klantcentraal-probe", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var app = await AppProcess.StartAsync(_factory.DatabasePath, folder);

            Assert.Equal(0, await ProbeAsync($"{app.BaseAddress}health/live"));
            Assert.Equal(1, await ProbeAsync($"http://127.0.0.1:{LoopbackPort.Free()}/health/live"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> ProbeAsync(string url)
    {
        using var probe = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "KlantCentraal.Web.dll", "health", url },
            WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        try
        {
            await probe.WaitForExitAsync().WaitAsync(TestServers.Patience.BeforeCallingItAHang);
            return probe.ExitCode;
        }
        finally
        {
            if (!probe.HasExited)
            {
                probe.Kill(entireProcessTree: true);
            }
        }
    }
}
