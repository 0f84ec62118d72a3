using System.Net;
using System.Security.Claims;
using KlantCentraal.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Identity;

/// <summary>
/// Issue 27, part 1: what a sign-in at the organisation's provider does to the staff accounts (the browser journey
/// SingleSignOnJourney drives the real provider); and the sign-in page when the provider is down or a callback forged.
/// </summary>
public sealed class SingleSignOnAccounts : IDisposable
{
    private readonly KlantCentraalFactory _root = new();
    private readonly WebApplicationFactory<Program> _app;
    private readonly int _deadPort = LoopbackPort.Free();

    public SingleSignOnAccounts() => _app = _root.WithWebHostBuilder(b => b
        .UseSetting("Authentication:Oidc:Authority", $"http://127.0.0.1:{_deadPort}")
        .UseSetting("Authentication:Oidc:ClientId", "klantcentraal")
        .UseSetting("Authentication:Oidc:ClientSecret", "geheim")
        .UseSetting("Authentication:Oidc:DisplayName", "Inloggen met Microsoft")
        .UseSetting("Authentication:Oidc:Roles:ServiceDesk", "kc-balie, kc-winkel")
        .UseSetting("Authentication:Oidc:Roles:Manager", "kc-manager")
        .UseSetting("Authentication:Oidc:StoreClaim", "stores")
        .UseSetting("Authentication:Oidc:RequireHttpsMetadata", "false"));

    public void Dispose()
    {
        _app.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task The_first_sign_in_creates_the_staff_member_and_later_ones_bring_name_roles_and_stores_up_to_date()
    {
        var first = await ProvisionAsync(Person("sub-1", "lisa@organisatie.nl", "Lisa", ("roles", "kc-balie"), ("stores", "UTR-01")));
        var later = await ProvisionAsync(Person("sub-1", "lisa@organisatie.nl", "Liesbeth", ("roles", "kc-manager"), ("stores", "AMS-01"), ("stores", "RTM-01")));

        Assert.Equal(ProvisioningResult.SignedIn, first.Result);
        Assert.Equal(ProvisioningResult.SignedIn, later.Result);
        var (user, roles, stores) = await AccountAsync("lisa@organisatie.nl");
        Assert.Equal("Liesbeth", user.FirstName);
        Assert.Equal(["Manager"], roles);
        Assert.Equal(["AMS-01", "RTM-01"], stores);
        Assert.False(user.AllStores);
        Assert.Null(user.PasswordHash);
        Assert.Contains(await _root.WithDbAsync(db => db.AuditEntries.Where(a => a.TargetId == user.Id).Select(a => a.Detail).ToListAsync()), d => d == Web.Auditing.AuditDetail.Of(Web.Auditing.AuditNote.SignedInThroughProvider, "lisa@organisatie.nl", "Inloggen met Microsoft"));
    }

    [Fact]
    public async Task Someone_without_a_mapped_role_or_without_an_email_address_gets_nothing()
    {
        var noRole = await ProvisionAsync(Person("sub-2", "gast@organisatie.nl", "Gast", ("roles", "kantine")));
        var noEmail = await ProvisionAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "sub-3"), new Claim("roles", "kc-balie")], "oidc")));
        // Someone whose provider lets them type any address, unverified, claims the administrator's: nothing happens.
        var unverified = await ProvisionAsync(Person("sub-5", Accounts.Admin, "Mallory", ("roles", "kc-balie"), ("email_verified", "false")));

        Assert.Equal(ProvisioningResult.NoAccess, noRole.Result);
        Assert.Equal(ProvisioningResult.NoEmail, noEmail.Result);
        Assert.Equal(ProvisioningResult.NoEmail, unverified.Result);
        Assert.Empty(await _root.WithDbAsync(db => db.UserLogins.Where(l => l.ProviderKey == "sub-5").ToListAsync()));
        Assert.False(await _root.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "gast@organisatie.nl")));
    }

    /// <summary>Issue 41, finding 1: the person is the provider's (issuer, subject), never the e-mail address alone.</summary>
    [Fact]
    public async Task A_provider_account_with_the_address_of_an_account_here_is_refused_whether_or_not_it_says_email_verified()
    {
        var verified = await ProvisionAsync(Person("sub-a", Accounts.Admin, "Mallory", ("roles", "kc-manager"), ("email_verified", "true")));
        var silent = await ProvisionAsync(Person("sub-b", Accounts.Manager, "Mallory", ("roles", "kc-manager")));

        Assert.Equal(ProvisioningResult.NotLinked, verified.Result);
        Assert.Equal(ProvisioningResult.NotLinked, silent.Result);
        Assert.Equal(["Admin"], (await AccountAsync(Accounts.Admin)).Roles);
        Assert.Equal(["Manager"], (await AccountAsync(Accounts.Manager)).Roles);
        Assert.Empty(await _root.WithDbAsync(db => db.UserLogins.ToListAsync()));
        var refusals = await _root.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == Web.Auditing.AuditAction.StaffSignInRefused).Select(a => a.Detail).ToListAsync());
        Assert.Equal(2, refusals.Count);
        Assert.Contains("al een account met het e-mailadres van uw organisatieaccount", WebUtility.HtmlDecode(await _app.CreateClient().GetStringAsync("/Account/NoAccess?reason=NotLinked")));
    }

    [Fact]
    public async Task An_account_an_administrator_released_is_linked_only_by_a_verified_address_keeps_its_roles_and_a_second_subject_is_refused()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            await scope.ServiceProvider.GetRequiredService<StaffAccounts>().AllowProviderLinkAsync((await users.FindByEmailAsync(Accounts.Manager))!, allow: true);
        }

        var unvouched = await ProvisionAsync(Person("sub-m", Accounts.Manager, "Daan", ("roles", "kc-balie")));
        var linked = await ProvisionAsync(Person("sub-m", Accounts.Manager, "Daan", ("roles", "kc-balie"), ("email_verified", "true")));
        var again = await ProvisionAsync(Person("sub-m", Accounts.Manager, "Daan", ("roles", "kc-balie")));
        var second = await ProvisionAsync(Person("sub-other", Accounts.Manager, "Daan", ("roles", "kc-manager"), ("email_verified", "true")));

        Assert.Equal(ProvisioningResult.NotLinked, unvouched.Result);
        Assert.Equal(ProvisioningResult.SignedIn, linked.Result);
        Assert.Equal(ProvisioningResult.SignedIn, again.Result);
        Assert.Equal(ProvisioningResult.AlreadyLinked, second.Result);
        var (user, roles, _) = await AccountAsync(Accounts.Manager);
        Assert.Equal(linked.User!.Id, user.Id);
        Assert.Equal(["Manager", "ServiceDesk"], roles.Order());
        Assert.False(user.ProviderLinkAllowed);
        Assert.False(user.ProvisionedBySignIn);
        Assert.Contains(await _root.WithDbAsync(db => db.AuditEntries.Where(a => a.TargetId == user.Id).Select(a => a.Action).ToListAsync()), a => a == Web.Auditing.AuditAction.StaffLinkedToProvider);
    }

    [Fact]
    public async Task The_same_subject_from_another_issuer_is_another_person()
    {
        var first = await ProvisionAsync(Person("sub-x", "sam@organisatie.nl", "Sam", ("roles", "kc-balie"), ("iss", "https://login.organisatie.nl")));
        var other = await ProvisionAsync(Person("sub-x", "sam@organisatie.nl", "Sam", ("roles", "kc-manager"), ("iss", "https://elders.example")));

        Assert.Equal(ProvisioningResult.SignedIn, first.Result);
        Assert.Equal(ProvisioningResult.AlreadyLinked, other.Result);
        Assert.Equal(["ServiceDesk"], (await AccountAsync("sam@organisatie.nl")).Roles);
    }

    [Fact]
    public async Task A_link_made_before_issue_41_with_the_subject_alone_still_signs_in_and_becomes_issuer_and_subject()
    {
        string id;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var old = new StaffUser { UserName = "oud@organisatie.nl", Email = "oud@organisatie.nl", EmailConfirmed = true, FirstName = "Oud", ProvisionedBySignIn = true, AllStores = false };
            Assert.True((await users.CreateAsync(old)).Succeeded);
            Assert.True((await users.AddLoginAsync(old, new UserLoginInfo(OidcOptions.Scheme, "sub-oud", "Inloggen met Microsoft"))).Succeeded);
            id = old.Id;
        }

        var signedIn = await ProvisionAsync(Person("sub-oud", "oud@organisatie.nl", "Oud", ("roles", "kc-balie"), ("iss", "https://login.organisatie.nl")));

        Assert.Equal(ProvisioningResult.SignedIn, signedIn.Result);
        Assert.Equal(id, signedIn.User!.Id);
        Assert.Equal(["https://login.organisatie.nl#sub-oud"], await _root.WithDbAsync(db => db.UserLogins.Where(l => l.UserId == id).Select(l => l.ProviderKey).ToListAsync()));
    }

    /// <summary>Issue 41, finding 2: without a store claim a new employee has no store; "*" is the only way to all of them.</summary>
    [Fact]
    public async Task A_new_employee_without_a_store_claim_has_no_store_and_only_a_star_gives_every_store()
    {
        await ProvisionAsync(Person("sub-n", "nina@organisatie.nl", "Nina", ("roles", "kc-balie")));
        await ProvisionAsync(Person("sub-s", "sterre@organisatie.nl", "Sterre", ("roles", "kc-manager"), ("stores", "*")));
        await ProvisionAsync(Person("sub-o", "onbekend@organisatie.nl", "Olaf", ("roles", "kc-balie"), ("stores", "XXX-99")));

        var (nina, _, ninaStores) = await AccountAsync("nina@organisatie.nl");
        var (sterre, _, _) = await AccountAsync("sterre@organisatie.nl");
        var (olaf, _, olafStores) = await AccountAsync("onbekend@organisatie.nl");
        Assert.False(nina.AllStores);
        Assert.Empty(ninaStores);
        Assert.True(sterre.AllStores);
        Assert.False(olaf.AllStores);
        Assert.Empty(olafStores);

        // An administrator gives Nina a store; her next sign-in, still without a claim, keeps it.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var utrecht = await scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>().Stores.Where(s => s.Code == "UTR-01").Select(s => s.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<Web.Stores.StoreDirectory>().SetStaffStoresAsync(nina.Id, false, [utrecht], CancellationToken.None);
        }

        await ProvisionAsync(Person("sub-n", "nina@organisatie.nl", "Nina", ("roles", "kc-balie")));
        Assert.Equal(["UTR-01"], (await AccountAsync("nina@organisatie.nl")).Stores);
    }

    [Fact]
    public async Task Without_local_passwords_a_managers_password_does_not_co_sign_either()
    {
        using var ssoOnly = _app.WithWebHostBuilder(b => b.UseSetting("Authentication:Oidc:LocalPasswords", "false"));
        await using var scope = ssoOnly.Services.CreateAsyncScope();
        var errors = new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary();

        var signers = await scope.ServiceProvider.GetRequiredService<Web.Complaints.CoSigning>().VerifyAsync(new Signature(Accounts.Manager, Web.Data.StartupSeeder.DemoPassword), errors, "Input");

        Assert.Null(signers);
        Assert.Contains(errors.Values.SelectMany(v => v.Errors), e => e.ErrorMessage.StartsWith("Wachtwoorden worden hier niet gebruikt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_staff_member_deactivated_here_is_refused_even_with_a_valid_session_at_the_provider()
    {
        await ProvisionAsync(Person("sub-4", "vertrokken@organisatie.nl", "Bram", ("roles", "kc-balie")));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            await scope.ServiceProvider.GetRequiredService<StaffAccounts>().DeactivateAsync((await users.FindByEmailAsync("vertrokken@organisatie.nl"))!);
        }

        var again = await ProvisionAsync(Person("sub-4", "vertrokken@organisatie.nl", "Bram", ("roles", "kc-balie")));

        Assert.Equal(ProvisioningResult.Deactivated, again.Result);
        Assert.Contains("uitgeschakeld", WebUtility.HtmlDecode(await _app.CreateClient().GetStringAsync("/Account/NoAccess?reason=Deactivated")));
    }

    [Fact]
    public async Task The_sign_in_page_shows_the_providers_button_first_and_a_provider_that_is_down_gets_a_plain_message()
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });
        var page = WebUtility.HtmlDecode(await client.GetHtmlAsync("/Account/Login"));
        Assert.True(page.IndexOf("Inloggen met Microsoft", StringComparison.Ordinal) < page.IndexOf("Wachtwoord", StringComparison.Ordinal));

        var down = await client.PostFormAsync("/Account/Login", new Dictionary<string, string>(), "/Account/Login?handler=Sso");

        Assert.Equal(HttpStatusCode.OK, down.StatusCode);
        var answer = WebUtility.HtmlDecode(await down.Content.ReadAsStringAsync());
        Assert.Contains("Inloggen via Inloggen met Microsoft is niet gelukt. Probeer het opnieuw, of log hieronder in met uw e-mailadres en wachtwoord.", answer);
        Assert.Contains("name=\"Input.Password\"", answer);
    }

    [Fact]
    public async Task A_forged_or_replayed_callback_is_refused_with_the_sign_in_page_never_an_error()
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false });

        var forged = await client.GetAsync("/signin-oidc?code=gestolen&state=vervalst");

        Assert.Equal("/Account/Login?sso=failed", forged.Location());
        Assert.Contains("is niet gelukt", WebUtility.HtmlDecode(await client.GetHtmlAsync(forged.Location())));
    }

    [Fact]
    public async Task A_flood_of_forged_back_channel_logouts_is_slowed_down_per_client()
    {
        using var app = _app.WithWebHostBuilder(b => b.UseSetting("RateLimits:BackChannelLogoutsPerClientPerMinute", "3"));
        var forger = app.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["logout_token"] = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." });
            var response = await forger.PostAsync("/signout-backchannel", forged);
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotEmpty(response.Headers.RetryAfter!.ToString());
            }
        }

        // The provider of this class is down, so the first three cannot be checked (503); the fourth is not even tried.
        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests], answers);
    }

    /// <summary>Issue 41, finding 10: a logout token counts once, and its events claim is read as JSON, not searched as text.</summary>
    [Fact]
    public async Task A_logout_token_counts_once_and_only_a_real_logout_event_counts()
    {
        var key = new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var provider = new Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration { Issuer = "https://login.organisatie.test" };
        provider.SigningKeys.Add(key);
        using var app = _app.WithWebHostBuilder(b => b.ConfigureServices(s => s.PostConfigure<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>(OidcOptions.Scheme, o =>
        {
            o.Configuration = provider;
            o.ConfigurationManager = new Microsoft.IdentityModel.Protocols.StaticConfigurationManager<Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration>(provider);
        })));
        var client = app.CreateClient();
        string Token(object events, string jti) => new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = provider.Issuer,
            Audience = "klantcentraal",
            IssuedAt = DateTime.UtcNow,
            Claims = new Dictionary<string, object> { ["sub"] = "sub-logout", ["jti"] = jti, ["events"] = events },
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(key, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });
        async Task<HttpStatusCode> PostAsync(string token)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["logout_token"] = token });
            return (await client.PostAsync("/signout-backchannel", form)).StatusCode;
        }

        var logout = new Dictionary<string, object> { ["http://schemas.openid.net/event/backchannel-logout"] = new Dictionary<string, object>() };
        var once = Token(logout, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, await PostAsync(once));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(once));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(Token(logout, Guid.NewGuid().ToString())));
        // The event's name inside some other text or member is no logout event.
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(Token("http://schemas.openid.net/event/backchannel-logout", Guid.NewGuid().ToString())));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(Token(new Dictionary<string, object> { ["urn:other"] = "http://schemas.openid.net/event/backchannel-logout" }, Guid.NewGuid().ToString())));
    }

    [Fact]
    public async Task Without_local_passwords_the_form_is_gone_and_a_posted_password_is_not_checked()
    {
        using var ssoOnly = _app.WithWebHostBuilder(b => b.UseSetting("Authentication:Oidc:LocalPasswords", "false"));
        var client = ssoOnly.CreateClient(new() { AllowAutoRedirect = false });

        var page = await client.GetHtmlAsync("/Account/Login");
        var posted = await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = Accounts.Desk, ["Input.Password"] = Web.Data.StartupSeeder.DemoPassword });

        Assert.DoesNotContain("Input.Password", page);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
    }

    private async Task<(ProvisioningResult Result, StaffUser? User)> ProvisionAsync(ClaimsPrincipal person)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StaffProvisioning>().ProvisionAsync(person, CancellationToken.None);
    }

    private sealed record Signature(string? CoSignEmail, string? CoSignPassword) : Web.Forms.ICoSignFields
    {
        public string? SecondCoSignEmail => null;

        public string? SecondCoSignPassword => null;
    }

    private static ClaimsPrincipal Person(string subject, string email, string givenName, params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity([new Claim("sub", subject), new Claim("email", email), new Claim("given_name", givenName), .. claims.Select(c => new Claim(c.Type, c.Value))], "oidc"));

    private Task<(StaffUser User, List<string> Roles, List<string> Stores)> AccountAsync(string email) => _root.WithDbAsync(async db =>
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email);
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        var stores = await db.StoreMemberships.Where(m => m.StaffUserId == user.Id).Join(db.Stores, m => m.StoreId, s => s.Id, (_, s) => s.Code).OrderBy(c => c).ToListAsync();
        return (user, roles, stores);
    });
}

/// <summary>Issue 43: finance comes from company sign-in like every role (<c>Authentication:Oidc:Roles:Finance</c>).</summary>
public class ProviderRolesIncludeFinance
{
    [Fact]
    public void The_provider_s_finance_value_maps_to_the_finance_role_and_only_to_it()
    {
        var options = new Web.Identity.OidcOptions { Roles = new() { ServiceDesk = "kc-balie", Finance = "kc-financien, kc-boekhouding" } };

        Assert.Equal([Web.Identity.Roles.Finance], options.RolesFor(["kc-boekhouding"]));
        Assert.Equal([Web.Identity.Roles.ServiceDesk, Web.Identity.Roles.Finance], options.RolesFor(["kc-balie,kc-financien"]));
        Assert.Empty(options.RolesFor(["kc-admin"]));
    }
}
