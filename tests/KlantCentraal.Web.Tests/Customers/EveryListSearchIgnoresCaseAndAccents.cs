using System.Net;
using KlantCentraal.Web.Investigations;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Customers;

/// <summary>Screens v2 (#15) item 2 beyond the desk: every list with a search box finds "Crème" when "creme" is typed.</summary>
public class EveryListSearchIgnoresCaseAndAccents(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Theory]
    [InlineData("crème brûlée")]
    [InlineData("CREME BRULEE")]
    public async Task The_managers_investigation_list_finds_a_title_in_any_case_with_or_without_accents(string typed)
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var product = $"Crème Brûlée {Guid.NewGuid():N}"[..22];
        await desk.PostFormAsync("/Desk", DeskForm.Valid(product: product));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        }

        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);
        var list = WebUtility.HtmlDecode(await manager.GetHtmlAsync($"/Manager?q={Uri.EscapeDataString(typed + product[12..])}"));

        Assert.Contains(product, list);
    }

    [Fact]
    public async Task The_store_list_and_the_audit_log_find_a_store_name_typed_without_accents()
    {
        var admin = factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);
        var code = "CB-" + Random.Shared.Next(10_000, 99_999);
        var saved = await admin.PostFormAsync("/Admin/Store", new Dictionary<string, string> { ["Input.Code"] = code, ["Input.Name"] = "Pâtisserie Crème " + code, ["Input.City"] = "Zaltbommel" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var stores = WebUtility.HtmlDecode(await admin.GetHtmlAsync($"/Admin/Stores?q={Uri.EscapeDataString("patisserie creme " + code.ToLowerInvariant())}"));
        var audit = WebUtility.HtmlDecode(await admin.GetHtmlAsync($"/Admin/Audit?q={Uri.EscapeDataString("PATISSERIE CREME " + code)}"));

        Assert.Contains("Pâtisserie Crème " + code, stores);
        Assert.Contains("Pâtisserie Crème " + code, audit);
    }

    [Fact]
    public async Task The_staff_list_finds_a_first_name_typed_without_accents()
    {
        var admin = factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);
        var email = $"ozlem.{Guid.NewGuid():N}@klantcentraal.test";
        await admin.PostFormAsync("/Admin/Staff", new Dictionary<string, string> { ["Input.FirstName"] = "Özlem", ["Input.Email"] = email, ["Input.Roles"] = Web.Identity.Roles.ServiceDesk });

        var staff = await admin.GetHtmlAsync("/Admin/Staff?q=ozlem");

        Assert.Contains(email, staff);
    }
}
