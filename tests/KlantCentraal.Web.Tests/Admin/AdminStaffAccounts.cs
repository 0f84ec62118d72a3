using System.Net;
using System.Text.RegularExpressions;
using KlantCentraal.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Admin;

public partial class AdminStaffAccounts(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    private const string NewPassword = "Nieuw-wachtwoord-2026";

    [GeneratedRegex("https?://[^\\s]*SetPassword\\?[^\\s]*")]
    private static partial Regex SetPasswordLink();

    [Fact]
    public async Task An_admin_invites_a_staff_member_who_sets_a_password_and_signs_in_with_the_given_role()
    {
        var email = $"nieuw.{Guid.NewGuid():N}@klantcentraal.test";
        await CreateAsync(email, "Noor", Roles.ServiceDesk);

        await SetPasswordFromMailAsync(email);
        var staff = factory.CreateBrowserlessClient();
        await staff.SignInAsync(email, NewPassword);

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/Desk")).StatusCode);
        Assert.Contains("AccessDenied", (await staff.GetAsync("/Manager")).Location());
    }

    [Fact]
    public async Task A_deactivated_account_cannot_sign_in_and_is_never_deleted()
    {
        var email = $"weg.{Guid.NewGuid():N}@klantcentraal.test";
        var id = await CreateAsync(email, "Bram", Roles.ServiceDesk);
        await SetPasswordFromMailAsync(email);
        var admin = await AdminAsync();

        var response = await admin.PostFormAsync($"/Admin/StaffMember/{id}", new Dictionary<string, string>(), $"/Admin/StaffMember/{id}?handler=Deactivate");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var login = await factory.CreateBrowserlessClient().PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = NewPassword });
        Assert.Contains("Inloggen is niet gelukt.", await login.Content.ReadAsStringAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email);
        Assert.NotNull(user);
        Assert.False(user.IsActive);
        Assert.Equal("Bram", user.FirstName);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_deactivated_or_lose_the_admin_role()
    {
        var admin = await AdminAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var me = await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(Accounts.Admin);
        var page = $"/Admin/StaffMember/{me!.Id}";

        var deactivate = await admin.PostFormAsync(page, new Dictionary<string, string>(), page + "?handler=Deactivate");
        var demote = await admin.PostFormAsync(page, new Dictionary<string, string> { ["FirstName"] = "Ilse", ["Roles"] = Roles.Manager }, page + "?handler=Save");

        Assert.Contains("Er moet minstens één actieve beheerder blijven.", await deactivate.Content.ReadAsStringAsync());
        Assert.Contains("Er moet minstens één actieve beheerder blijven.", await demote.Content.ReadAsStringAsync());
        Assert.True(await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().IsInRoleAsync(me, Roles.Admin));
    }

    [Fact]
    public async Task Bad_input_for_a_new_account_is_answered_next_to_the_field()
    {
        var admin = await AdminAsync();

        var response = await admin.PostFormAsync("/Admin/Staff", new Dictionary<string, string> { ["Input.FirstName"] = "", ["Input.Email"] = Accounts.Desk });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Vul de voornaam in. Die zien klanten.", html);
        Assert.Contains("Kies minstens één rol.", html);
    }

    [Theory]
    [InlineData(Accounts.Desk)]
    [InlineData(Accounts.Manager)]
    public async Task Only_admins_reach_the_staff_pages(string account)
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync(account);

        Assert.Contains("AccessDenied", (await client.GetAsync("/Admin/Staff")).Location());
    }

    [Fact]
    public async Task A_broken_password_link_gets_a_clear_message()
    {
        var response = await factory.CreateBrowserlessClient().PostFormAsync("/Account/SetPassword?email=nobody@example.nl&token=bogus", new Dictionary<string, string>
        {
            ["Email"] = "nobody@example.nl",
            ["Token"] = "bogus",
            ["Password"] = NewPassword,
            ["Repeat"] = NewPassword,
        });

        Assert.Contains("Deze link werkt niet (meer).", await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpClient> AdminAsync()
    {
        var admin = factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);
        return admin;
    }

    private async Task<string> CreateAsync(string email, string firstName, string role)
    {
        var admin = await AdminAsync();
        var response = await admin.PostFormAsync("/Admin/Staff", new Dictionary<string, string> { ["Input.FirstName"] = firstName, ["Input.Email"] = email, ["Input.Roles"] = role });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(email, await admin.GetHtmlAsync("/Admin/Staff"));
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync(email))!.Id;
    }

    private async Task SetPasswordFromMailAsync(string email)
    {
        var mail = Directory.EnumerateFiles(factory.MailPickup, "*.eml").Select(File.ReadAllText).Last(m => m.Contains(email, StringComparison.Ordinal));
        var link = new Uri(SetPasswordLink().Match(mail.Replace("=\r\n", string.Empty, StringComparison.Ordinal).Replace("=\n", string.Empty, StringComparison.Ordinal)).Value.Replace("=3D", "=", StringComparison.Ordinal));
        var client = factory.CreateBrowserlessClient();
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        var response = await client.PostFormAsync(link.PathAndQuery, new Dictionary<string, string>
        {
            ["Email"] = query["email"]!,
            ["Token"] = query["token"]!,
            ["Password"] = NewPassword,
            ["Repeat"] = NewPassword,
        });
        Assert.Equal("/Account/Login", response.Location());
    }
}
