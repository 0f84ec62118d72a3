using System.Net;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>Finding 15: an administrator never sees a set-password link, so cannot take over a manager's account.</summary>
public class AdminCannotActAsManager(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task Inviting_a_manager_or_resetting_a_managers_password_shows_the_admin_no_link_and_mails_it_to_the_manager()
    {
        var admin = factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);
        var email = $"nieuwe.manager.{Guid.NewGuid():N}@klantcentraal.test";

        var invited = await admin.PostFormAsync("/Admin/Staff", new Dictionary<string, string> { ["Input.FirstName"] = "Mirte", ["Input.Email"] = email, ["Input.Roles"] = "Manager" });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var staffPage = await admin.GetHtmlAsync("/Admin/Staff");
        var managerId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == Accounts.Manager).Select(u => u.Id).SingleAsync());
        var reset = await admin.PostFormAsync($"/Admin/StaffMember/{managerId}", new Dictionary<string, string>(), $"/Admin/StaffMember/{managerId}?handler=Password");
        var memberPage = await admin.GetHtmlAsync($"/Admin/StaffMember/{managerId}");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.DoesNotContain("SetPassword", staffPage, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SetPassword", memberPage, StringComparison.OrdinalIgnoreCase);
        var mails = Directory.EnumerateFiles(factory.MailPickup, "*.eml").Select(File.ReadAllText).ToList();
        Assert.Contains(mails, m => m.Contains(email, StringComparison.Ordinal) && m.Contains("SetPassword", StringComparison.Ordinal));
        Assert.Contains(mails, m => m.Contains(Accounts.Manager, StringComparison.Ordinal) && m.Contains("SetPassword", StringComparison.Ordinal));
    }
}
