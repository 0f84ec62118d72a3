using KlantCentraal.Web.Investigations;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Hosting;

/// <summary>A warning in the log must mean something: a start with demo data and a round of every background job log none.</summary>
public sealed class QuietStart : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Starting_with_demo_data_and_running_every_background_job_logs_no_warning()
    {
        using var app = _root.WithWebHostBuilder(b => b.UseSetting("Seed:DemoComplaints", "true"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<MailOutbox>().ProcessPendingAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<RetentionProcessor>().RunAsync(CancellationToken.None);
        }

        // Data Protection's keys sit in the database without an XML encryptor by design (README, Configuration), and
        // the framework says so once, at the first key.
        var warnings = _root.Logged.Messages.Where(m => !m.StartsWith("No XML encryptor configured", StringComparison.Ordinal)).ToList();
        Assert.True(warnings.Count == 0, string.Join(Environment.NewLine, warnings));
    }
}
