using System.Net;
using KlantCentraal.Web.Api;
using KlantCentraal.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Security;

public class EveryEndpoint(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    private const string Anyone = "anonymous";
    private const string SignedIn = "signed-in staff";
    private const string StaticFiles = "static files";

    /// <summary>
    /// The folders of wwwroot that MapStaticAssets serves short-circuited, before authentication: only what any visitor
    /// may download. A file elsewhere has no rule and fails the test.
    /// </summary>
    private static readonly string[] PublicFileFolders = ["css/", "js/", "lib/chartjs/", "lib/signalr/", "robots."];

    /// <summary>Who may reach each page and endpoint. A new page without a line here fails the test.</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.OrdinalIgnoreCase)
    {
        [""] = Anyone,
        ["Index"] = Anyone,
        ["Error"] = Anyone,
        ["Track"] = Anyone,
        ["Track/Index"] = Anyone,
        ["Track/Status"] = Anyone,
        ["Complain"] = Anyone,
        ["Complain/Index"] = Anyone,
        ["Complain/Sent"] = Anyone,
        ["Account/Login"] = Anyone,
        ["Account/AccessDenied"] = Anyone,
        ["Account/NoAccess"] = Anyone,
        // The provider's server-to-server sign-out: a signed logout token is the credential (checked in the handler).
        ["signout-backchannel"] = Anyone,
        // Opening days are public: a store's closed days as a calendar feed.
        ["calendar/{place}.ics"] = Anyone,
        ["Account/SetPassword"] = Anyone,
        ["Account/Logout"] = SignedIn,
        ["culture/{culture}"] = Anyone,
        ["openapi/{documentName}.json"] = Anyone,
        ["health/details"] = Policies.Admin,
        ["{*path:nonfile}"] = Anyone,
        // Development only: files added to wwwroot while the app runs, behind the fallback sign-in like anything unlisted.
        ["{**path:file}"] = SignedIn,
        [StaticFiles] = Anyone,
        ["Desk"] = Policies.Desk,
        ["Desk/Index"] = Policies.Desk,
        ["Desk/Complaints"] = Policies.Desk,
        ["Desk/Complaint/{code}"] = Policies.Desk,
        ["Desk/Confirmation/{code}"] = Policies.Desk,
        ["Desk/Inbox"] = Policies.Desk,
        ["Desk/Resolve/{code}"] = Policies.Desk,
        ["Desk/Store"] = Policies.Desk,
        ["Manager"] = Policies.Manager,
        ["Manager/Index"] = Policies.Manager,
        ["Manager/Dashboard"] = Policies.Manager,
        ["Manager/Review"] = Policies.Manager,
        ["Manager/Stores"] = Policies.Manager,
        ["Manager/Investigation/{id:int}"] = Policies.Manager,
        ["Manager/Customer/{id:int}"] = Policies.Manager,
        ["Manager/Customers"] = Policies.Manager,
        ["Manager/CoSignPin"] = Policies.Manager,
        ["Finance/Payouts"] = Policies.Finance,
        ["Admin/Staff"] = Policies.Admin,
        ["Admin/StaffMember/{id}"] = Policies.Admin,
        ["Admin/Settings"] = Policies.Admin,
        ["Admin/Connections"] = Policies.Admin,
        ["Admin/ClosingDays"] = Policies.Admin,
        ["Admin/Audit"] = Policies.Admin,
        ["Admin/Privacy"] = Policies.Admin,
        ["Admin/ApiKeys"] = Policies.Admin,
        ["Admin/Webhooks"] = Policies.Admin,
        ["Admin/HelpdeskImport"] = Policies.Admin,
        ["Admin/SavedReplies"] = Policies.Admin,
        ["Admin/Stores"] = Policies.Admin,
        ["Admin/Store/{id:int?}"] = Policies.Admin,
        ["Admin/StoreImport"] = Policies.Admin,
        ["Admin/Import/{id:guid}"] = Policies.Admin,
        ["api/v1/stores"] = $"{ApiServices.ReadPolicy}|{Anyone}",
        ["api/v1/complaints/"] = ApiServices.CreatePolicy,
        ["api/v1/complaints/{code}"] = ApiServices.ReadPolicy,
        ["api/v1/complaints/{code}/messages"] = $"{ApiServices.ReadPolicy}|{ApiServices.MessagePolicy}",
        ["api/v1/investigations"] = ApiServices.ReadPolicy,
        ["api/v1/customers"] = ApiServices.ReadPolicy,

        // Attachments: staff, or the complaint's own customer with the status page's token (checked in the handler).
        ["Desk/Attachments/{id:int}"] = Policies.Desk,
        ["Track/Attachments/{id:int}"] = Anyone,
        ["hubs/inbox"] = Policies.Desk,
        ["hubs/inbox/negotiate"] = Policies.Desk,

        // Answers only 405 (wrong method), 415 (not JSON) or a 404 problem: nothing to protect.
        ["api/v1/complaints"] = $"{Anyone}|{ApiServices.ReadPolicy}",
        ["api/v1/complaints/{code:minlength(1)}"] = Anyone,
        ["api/{**rest}"] = Anyone,
    };

    [Fact]
    public void Has_a_known_access_rule_for_every_page_and_endpoint()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);

        var actual = endpoints
            .Select(e => (Route: RuleOf(e), Access: AccessOf(e)))
            .Distinct()
            .ToList();

        Assert.All(actual, e =>
        {
            Assert.True(Expected.TryGetValue(e.Route, out var expected), $"'{e.Route}' has no access rule in this test: decide who may reach it.");
            Assert.Contains(e.Access, expected.Split('|'));
        });
    }

    private static string RuleOf(RouteEndpoint endpoint)
    {
        var route = endpoint.RoutePattern.RawText?.TrimStart('/') ?? string.Empty;
        return PublicFileFolders.Any(f => route.StartsWith(f, StringComparison.Ordinal)) ? StaticFiles : route;
    }

    private static string AccessOf(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return Anyone;
        }

        return endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null) ?? SignedIn;
    }

    [Fact]
    public async Task Every_page_refuses_a_post_without_an_antiforgery_token()
    {
        var pages = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            // The error page only renders, and must answer re-executed POSTs (also those refused for their token).
            .Where(e => e.RoutePattern.RawText != "Error")
            // The customer's lookup acts on no session (ADR 0024); PublicPagesAreCached checks what it may do without one.
            .Where(e => e.RoutePattern.RawText is not ("Track" or "Track/Index"))
            .Select(e => (Route: e.RoutePattern.RawText!.TrimStart('/'), Access: AccessOf(e)))
            .DistinctBy(p => p.Route)
            .ToList();
        Assert.True(pages.Count > 20, $"only {pages.Count} pages found");
        var clients = new Dictionary<string, HttpClient>();
        foreach (var (access, account) in new[] { (Anyone, (string?)null), (SignedIn, Accounts.Desk), (Policies.Desk, Accounts.Desk), (Policies.Manager, Accounts.Manager), (Policies.Finance, Accounts.Finance), (Policies.Admin, Accounts.Admin) })
        {
            var client = factory.CreateBrowserlessClient();
            if (account is not null)
            {
                await client.SignInAsync(account);
            }

            clients[access] = client;
        }

        foreach (var (route, access) in pages)
        {
            var url = "/" + route.Replace("{code}", "K7M4PX9QR", StringComparison.Ordinal).Replace("{id:int}", "1", StringComparison.Ordinal).Replace("{id:int?}", "1", StringComparison.Ordinal).Replace("{id}", "x", StringComparison.Ordinal).Replace("{id:guid}", Guid.Empty.ToString(), StringComparison.Ordinal);
            var response = await clients[access].PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["anything"] = "1" }));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {url} without a token as {access}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("/Desk", Accounts.Admin)]
    [InlineData("/Manager/Dashboard", Accounts.Desk)]
    [InlineData("/Admin/Settings", Accounts.Manager)]
    [InlineData("/Admin/Connections", Accounts.Desk)]
    [InlineData("/Finance/Payouts", Accounts.Desk)]
    [InlineData("/Finance/Payouts", Accounts.Admin)]
    public async Task A_signed_in_person_without_the_role_is_refused(string page, string account)
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync(account);

        Assert.Contains("/Account/AccessDenied", (await client.GetAsync(page)).Location());
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        var response = await factory.CreateBrowserlessClient().GetAsync("/");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
    }

    [Fact]
    public async Task Cookies_are_http_only_and_same_site()
    {
        var client = factory.CreateBrowserlessClient();
        var login = await client.GetAsync("/Account/Login");
        var signIn = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Accounts.Desk,
            ["Input.Password"] = Web.Data.StartupSeeder.DemoPassword,
            ["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(await login.Content.ReadAsStringAsync()),
        }));

        var cookies = login.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("KlantCentraal.Auth=", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=", c, StringComparison.OrdinalIgnoreCase);
        });
    }
}
