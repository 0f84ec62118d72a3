using System.Text.RegularExpressions;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Tests.TestServers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KlantCentraal.BrowserTests;

/// <summary>The app with the organisation's OpenID provider (a real oidc-provider on loopback) as its sign-in.</summary>
public sealed class SingleSignOnFixture : BrowserFixture
{
    public OpenIdProvider Provider { get; } = new();

    /// <summary>The people the provider knows: a desk employee of Utrecht, a manager of every store, and someone with no role KlantCentraal maps.</summary>
    private static readonly Dictionary<string, object> Accounts = new()
    {
        ["noor.sso"] = new { email = "noor.sso@klantcentraal.test", email_verified = true, name = "Noor van Dam", given_name = "Noor", roles = new[] { "kc-balie" }, stores = new[] { "UTR-01" } },
        ["gast"] = new { email = "gast@klantcentraal.test", email_verified = true, name = "Gast", given_name = "Gast", roles = new[] { "iets-anders" } },
        ["mila.sso"] = new { email = "mila.sso@klantcentraal.test", email_verified = true, name = "Mila Jansen", given_name = "Mila", roles = new[] { "kc-manager" }, stores = new[] { "*" } },
        // Issue 41: provider accounts whose address is an existing account's here — the administrator's (verified) and
        // the manager's (no email_verified at all, as Entra ID sends it) — must never become those accounts.
        ["kaper.beheer"] = new { email = "beheer@klantcentraal.test", email_verified = true, name = "Mallory", given_name = "Mallory", roles = new[] { "kc-balie" }, stores = new[] { "*" } },
        ["kaper.manager"] = new { email = "manager@klantcentraal.test", name = "Mallory", given_name = "Mallory", roles = new[] { "kc-manager" } },
        // An account here that an administrator allows to be linked; and a second provider account with the same address.
        ["sophie.sso"] = new { email = "sophie.koppel@klantcentraal.test", email_verified = true, name = "Sophie de Wit", given_name = "Sophie", roles = new[] { "kc-balie" } },
        ["sophie.tweede"] = new { email = "sophie.koppel@klantcentraal.test", email_verified = true, name = "Sophie de Wit", given_name = "Sophie", roles = new[] { "kc-balie" } },
        // A new desk employee without a store claim.
        ["jesse.sso"] = new { email = "jesse.sso@klantcentraal.test", email_verified = true, name = "Jesse Smit", given_name = "Jesse", roles = new[] { "kc-balie" } },
    };

    protected override void ConfigureMore(IWebHostBuilder builder)
    {
        builder.UseSetting("Authentication:Oidc:Authority", Provider.Authority);
        builder.UseSetting("Authentication:Oidc:ClientId", OpenIdProvider.ClientId);
        builder.UseSetting("Authentication:Oidc:ClientSecret", OpenIdProvider.ClientSecret);
        builder.UseSetting("Authentication:Oidc:DisplayName", "Inloggen met Testorganisatie");
        builder.UseSetting("Authentication:Oidc:Roles:ServiceDesk", "kc-balie");
        builder.UseSetting("Authentication:Oidc:Roles:Manager", "kc-manager");
        builder.UseSetting("Authentication:Oidc:StoreClaim", "stores");
        builder.UseSetting("Authentication:Oidc:RequireHttpsMetadata", "false");
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Provider.StartAsync(BaseUrl, Accounts);
    }

    public override async Task DisposeAsync()
    {
        await Provider.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>Issue 27, part 1: staff sign in with the account they already have.</summary>
public class SingleSignOnJourney(SingleSignOnFixture app) : IClassFixture<SingleSignOnFixture>
{
    [Fact]
    public async Task A_desk_employee_signs_in_with_the_organisations_account_works_for_their_store_and_signing_out_ends_both_sessions()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met Testorganisatie" }).ClickAsync();
        await SignInAtProviderAsync(page, "noor.sso");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Desk$"));
        await Assertions.Expect(page.GetByTestId("desk-store")).ToHaveTextAsync("Winkel: KlantCentraal Utrecht");
        await Assertions.Expect(page.GetByText("Ingelogd als noor.sso@klantcentraal.test")).ToBeVisibleAsync();
        var (firstName, roles) = await WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == "noor.sso@klantcentraal.test");
            var roleNames = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
            return (user.FirstName, roleNames);
        });
        Assert.Equal("Noor", firstName);
        Assert.Equal(["ServiceDesk"], roles);

        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        // The provider asks once whether to end its session too.
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Inloggen medewerkers" })).ToBeVisibleAsync();
        await page.GotoAsync("/Desk");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));

        // The provider's session ended too: signing in again asks for the login at the provider.
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met Testorganisatie" }).ClickAsync();
        await Assertions.Expect(page.Locator("input[name=login]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signing_out_at_the_organisations_provider_ends_the_desk_session_at_once_and_a_forged_logout_token_is_refused()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met Testorganisatie" }).ClickAsync();
        await SignInAtProviderAsync(page, "noor.sso");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Desk$"));

        using (var forger = new HttpClient { BaseAddress = new Uri(app.BaseUrl) })
        {
            var forged = await forger.PostAsync("/signout-backchannel", new FormUrlEncodedContent(new Dictionary<string, string> { ["logout_token"] = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJub29yLnNzbyJ9." }));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, forged.StatusCode);
        }

        await page.GotoAsync("/Desk");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Desk$"));

        // The person signs out at the provider (another tab, or the organisation disables the account there).
        var provider = await page.Context.NewPageAsync();
        await provider.GotoAsync($"{app.Provider.Authority}/session/end");
        await provider.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
        await provider.WaitForLoadStateAsync();

        await page.GotoAsync("/Desk");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
    }

    [Fact]
    public async Task Someone_without_a_mapped_role_sees_that_they_have_no_access_and_nothing_is_created()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met Testorganisatie" }).ClickAsync();
        await SignInAtProviderAsync(page, "gast");

        await Assertions.Expect(page.GetByTestId("no-access")).ToHaveTextAsync("U heeft nog geen toegang tot KlantCentraal; vraag het aan uw beheerder.");
        Assert.False(await WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "gast@klantcentraal.test")));
        await page.GotoAsync("/Desk");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
    }

    [Fact]
    public async Task A_manager_without_a_password_here_sets_a_co_sign_pin_and_co_signs_a_refund_above_the_limit_at_the_desk()
    {
        var manager = await app.NewPageAsync();
        await manager.GotoAsync("/Account/Login");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Inloggen met Testorganisatie" }).ClickAsync();
        await SignInAtProviderAsync(manager, "mila.sso");
        await Assertions.Expect(manager).ToHaveURLAsync(new Regex("/Desk$"));
        await manager.GetByRole(AriaRole.Link, new() { Name = "Meeteken-PIN" }).ClickAsync();
        await manager.GetByLabel("Nieuwe PIN (6 tot 12 cijfers)").FillAsync("482913");
        await manager.GetByLabel("Herhaal de PIN").FillAsync("482913");
        await manager.GetByRole(AriaRole.Button, new() { Name = "PIN opslaan" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("Uw meeteken-PIN is opgeslagen.");

        var desk = await app.NewPageAsync();
        await desk.GotoAsync("/Account/Login");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Inloggen met Testorganisatie" }).ClickAsync();
        await SignInAtProviderAsync(desk, "noor.sso");
        await Assertions.Expect(desk).ToHaveURLAsync(new Regex("/Desk$"));
        await desk.GetByLabel("Naam", new() { Exact = true }).FillAsync("Joris Bakker");
        await desk.GetByLabel("E-mailadres", new() { Exact = true }).FillAsync($"joris.{Guid.NewGuid():N}@example.nl");
        await desk.GetByLabel("Product of dienst").FillAsync("Espressomachine");
        await desk.GetByLabel("Wat is er mis?").FillAsync("Lekt water na twee weken.");
        await desk.GetByLabel("Bedrag in euro's").FillAsync("450,00");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Vastleggen en oplossen" }).ClickAsync();

        await Assertions.Expect(desk.GetByTestId("co-sign")).ToBeVisibleAsync();
        await desk.GetByLabel("E-mailadres van de manager").FillAsync("mila.sso@klantcentraal.test");
        await desk.GetByLabel("Wachtwoord of PIN van de manager").FillAsync("482913");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Meetekenen en oplossen" }).ClickAsync();

        await Assertions.Expect(desk.GetByTestId("received")).ToContainTextAsync("€ 450,00");
        var said = await WithDbAsync(db => db.AuditEntries.Where(a => a.Action == KlantCentraal.Web.Auditing.AuditAction.CoSigned).Select(a => a.Detail ?? string.Empty).ToListAsync());
        Assert.Contains(said, d => d.StartsWith(KlantCentraal.Web.Auditing.AuditDetail.Of(KlantCentraal.Web.Auditing.AuditNote.CoSignedWith, "mila.sso@klantcentraal.test", "Pin")[..^1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Provider_accounts_with_the_address_of_an_account_here_never_become_it_and_the_no_access_page_and_audit_log_say_why()
    {
        foreach (var (login, email) in new[] { ("kaper.beheer", "beheer@klantcentraal.test"), ("kaper.manager", "manager@klantcentraal.test") })
        {
            var page = await app.NewPageAsync();
            await page.GotoAsync("/Account/Login");
            await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met Testorganisatie" }).ClickAsync();
            await SignInAtProviderAsync(page, login);

            await Assertions.Expect(page.GetByTestId("no-access")).ToContainTextAsync("al een account met het e-mailadres van uw organisatieaccount");
            await page.GotoAsync("/Admin/Staff");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
            var (logins, roles, refused) = await WithDbAsync(async db =>
            {
                var user = await db.Users.SingleAsync(u => u.Email == email);
                return (
                    await db.UserLogins.CountAsync(l => l.UserId == user.Id),
                    await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(),
                    await db.AuditEntries.Where(a => a.TargetId == user.Id && a.Action == KlantCentraal.Web.Auditing.AuditAction.StaffSignInRefused).Select(a => a.Detail!).ToListAsync());
            });
            Assert.Equal(0, logins);
            Assert.Equal(email.StartsWith("beheer", StringComparison.Ordinal) ? ["Admin"] : ["Manager"], roles);
            Assert.Contains(refused, d => KlantCentraal.Web.Auditing.AuditDetail.TryRead(d, out var note, out var values)
                && note == KlantCentraal.Web.Auditing.AuditNote.SignInRefused && values[0] == email && values[2] == "NotAllowed");
        }
    }

    [Fact]
    public async Task An_account_here_is_linked_only_after_an_administrator_allows_it_keeps_its_roles_and_a_second_provider_account_is_refused()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<KlantCentraal.Web.Identity.StaffUser>>();
            var sophie = new KlantCentraal.Web.Identity.StaffUser { UserName = "sophie.koppel@klantcentraal.test", Email = "sophie.koppel@klantcentraal.test", EmailConfirmed = true, FirstName = "Sophie" };
            Assert.True((await users.CreateAsync(sophie, "Een-lang-wachtwoord-2026")).Succeeded);
            Assert.True((await users.AddToRoleAsync(sophie, "Manager")).Succeeded);
        }

        var before = await ProviderSignInAsync("sophie.sso");
        await Assertions.Expect(before.GetByTestId("no-access")).ToContainTextAsync("al een account met het e-mailadres");

        var admin = await app.SignedInPageAsync("beheer@klantcentraal.test", new Regex("/Admin/Staff"));
        await admin.GetByLabel("Zoek op naam of e-mailadres").FillAsync("sophie.koppel");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Sophie" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Koppel aan organisatieaccount" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("De eerstvolgende aanmelding met het organisatieaccount met e-mailadres sophie.koppel@klantcentraal.test koppelt dit account.");

        var linked = await ProviderSignInAsync("sophie.sso");
        await Assertions.Expect(linked).ToHaveURLAsync(new Regex("/Desk"));
        var roles = await WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == "sophie.koppel@klantcentraal.test");
            return await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).OrderBy(n => n).ToListAsync();
        });
        Assert.Equal(["Manager", "ServiceDesk"], roles);

        var second = await ProviderSignInAsync("sophie.tweede");
        await Assertions.Expect(second.GetByTestId("no-access")).ToContainTextAsync("al gekoppeld aan een ander organisatieaccount");

        await admin.ReloadAsync();
        await Assertions.Expect(admin.GetByTestId("provider-link")).ToContainTextAsync("Gekoppeld");
        // A wrong link is undone with "Ontkoppelen" (it asks first): the organisation account no longer gets in.
        admin.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Ontkoppelen" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Het account is losgekoppeld van het organisatieaccount.");
        var unlinked = await ProviderSignInAsync("sophie.sso");
        await Assertions.Expect(unlinked.GetByTestId("no-access")).ToContainTextAsync("al een account met het e-mailadres");
        await admin.GotoAsync("/Admin/Audit");
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "Gekoppeld aan organisatieaccount", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_new_employee_without_a_store_claim_works_for_no_store_until_an_administrator_gives_one()
    {
        var desk = await ProviderSignInAsync("jesse.sso");

        await Assertions.Expect(desk.GetByTestId("no-stores")).ToContainTextAsync("U hoort nog bij geen enkele open winkel");
        await desk.GotoAsync("/Desk/Complaints?store=UTR-01");
        await Assertions.Expect(desk).ToHaveURLAsync(new Regex("/Account/AccessDenied"));
        var admin = await app.SignedInPageAsync("beheer@klantcentraal.test", new Regex("/Admin/Staff"));
        await admin.GotoAsync("/Admin/Staff?q=jesse");
        await Assertions.Expect(admin.GetByTestId("staff-stores")).ToHaveTextAsync("zonder winkel");
    }

    private async Task<IPage> ProviderSignInAsync(string login)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met Testorganisatie" }).ClickAsync();
        await SignInAtProviderAsync(page, login);
        return page;
    }

    private static async Task SignInAtProviderAsync(IPage page, string login)
    {
        await page.Locator("input[name=login]").FillAsync(login);
        await page.Locator("input[name=password]").FillAsync("wat-dan-ook");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
    }

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
