using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Hosting;

public sealed class ProductionErrors : IDisposable
{
    private readonly KlantCentraalFactory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_failure_outside_development_shows_a_friendly_page_with_a_correlation_id_and_no_stack_trace_in_dutch_and_english()
    {
        var failingReads = new FailingReads();
        using var production = _root.WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Organisation:PublicBaseUrl", KlantCentraalFactory.PublicBaseUrl)
            .UseSetting("Mail:Delivery", "Pickup")
            .UseSetting("Bootstrap:AdminEmail", "it@example.nl")
            .UseSetting("Bootstrap:AdminPassword", "Een-lang-wachtwoord-2026")
            .ConfigureTestServices(s => s.AddSingleton<IInterceptor>(failingReads)));
        var client = production.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        // Started (the start counts the dashboard's daily figures from the complaints); from now on the database fails.
        failingReads.Failing = true;

        var dutch = await client.GetAsync("/Track/Status?t=x");
        var english = await client.GetAsync("/Track/Status?t=x&culture=en-GB");

        Assert.Equal(HttpStatusCode.Redirect, dutch.StatusCode);
        var failing = await client.PostAsync("/Track", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Code"] = "K7M-4PX-9QR",
            ["Input.PostcodeOrEmail"] = "1012AB",
        }));
        Assert.Equal(HttpStatusCode.InternalServerError, failing.StatusCode);
        var html = await failing.Content.ReadAsStringAsync();
        Assert.Contains("Er ging iets mis", html);
        Assert.Matches("<code>[0-9a-f-]{20,}</code>|<code>[^<]{8,}</code>", html);
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain(" at KlantCentraal", html);
        Assert.Equal(HttpStatusCode.Redirect, english.StatusCode);
        var englishPage = await (await client.GetAsync("/Error?culture=en-GB")).Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", englishPage);
    }

    [Fact]
    public async Task Outside_development_https_responses_carry_hsts_and_every_cookie_is_secure()
    {
        using var production = _root.WithWebHostBuilder(b => b
            .UseEnvironment("Production")
            .UseSetting("Organisation:PublicBaseUrl", KlantCentraalFactory.PublicBaseUrl)
            .UseSetting("Mail:Delivery", "Pickup")
            .UseSetting("Bootstrap:AdminEmail", "it@example.nl")
            .UseSetting("Bootstrap:AdminPassword", "Een-lang-wachtwoord-2026"));
        var client = production.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://klantcentraal.example") });

        var login = await client.GetAsync("/Account/Login");
        var signIn = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "it@example.nl",
            ["Input.Password"] = "Een-lang-wachtwoord-2026",
            ["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(await login.Content.ReadAsStringAsync()),
        }));

        Assert.StartsWith("max-age=", login.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        var cookies = login.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("KlantCentraal.Auth=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Once <see cref="Failing"/>, makes every complaint lookup fail, as a broken database would.</summary>
    private sealed class FailingReads : DbCommandInterceptor
    {
        public volatile bool Failing;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            Failing && command.CommandText.Contains("FROM \"Complaints\"", StringComparison.Ordinal)
                ? throw new InvalidOperationException("Simulated database failure.")
                : base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
