using KlantCentraal.Domain;
using KlantCentraal.Web.Investigations;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Investigations;

public class ManagerInvestigations(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task A_manager_sees_the_investigation_queued_for_a_resolved_complaint()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var product = $"Stofzuiger {Guid.NewGuid():N}"[..24];
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid(product: product))).TrackingCode();
        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);

        var before = await manager.GetHtmlAsync("/Manager");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        }

        var after = await manager.GetHtmlAsync("/Manager");
        var id = System.Text.RegularExpressions.Regex.Match(after, $"href=\"/Manager/Investigation/(\\d+)\">{product}<").Groups[1].Value;
        var investigation = await manager.GetHtmlAsync($"/Manager/Investigation/{id}");

        Assert.Contains("wachten op verwerking", before);
        Assert.Contains(product, after);
        Assert.Contains(TrackingCode.Parse(code).Display, investigation);
        Assert.Contains("Terugbetaling € 24,95", investigation);
    }
}
