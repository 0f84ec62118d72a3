using System.Net;

namespace KlantCentraal.Web.Tests.Security;

public class Access(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Theory]
    [InlineData("/Desk")]
    [InlineData("/Manager")]
    public async Task Anonymous_visitors_of_staff_pages_are_sent_to_the_login_page(string page)
    {
        var response = await factory.CreateBrowserlessClient().GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login?ReturnUrl=" + Uri.EscapeDataString(page), response.Location());
    }

    [Theory]
    [InlineData(Accounts.Desk, "/Desk", HttpStatusCode.OK)]
    [InlineData(Accounts.Desk, "/Manager", HttpStatusCode.Redirect)]
    [InlineData(Accounts.Manager, "/Desk", HttpStatusCode.OK)]
    [InlineData(Accounts.Manager, "/Manager", HttpStatusCode.OK)]
    [InlineData(Accounts.Admin, "/Desk", HttpStatusCode.Redirect)]
    [InlineData(Accounts.Admin, "/Manager", HttpStatusCode.Redirect)]
    public async Task Each_role_reaches_only_its_own_pages(string account, string page, HttpStatusCode expected)
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync(account);

        var response = await client.GetAsync(page);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.Contains("/Account/AccessDenied", response.Location());
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Track")]
    [InlineData("/Account/Login")]
    public async Task Public_pages_are_open_to_everyone_in_dutch_with_a_switch_to_english(string page)
    {
        var html = await factory.CreateBrowserlessClient().GetHtmlAsync(page);

        Assert.Contains("<html lang=\"nl\">", html);
        Assert.Contains(">English</a>", html);
        Assert.Contains("020 123 45 67", html);
        Assert.Contains("klantenservice@klantcentraal.test", html);
    }

    [Fact]
    public async Task The_language_switch_turns_the_pages_english_and_back()
    {
        var client = factory.CreateBrowserlessClient();

        var toEnglish = await client.GetAsync("/culture/en-GB?returnUrl=%2FTrack");
        var english = await client.GetHtmlAsync("/Track");
        await client.GetAsync("/culture/nl-NL?returnUrl=%2F");
        var dutch = await client.GetHtmlAsync("/Track");

        Assert.Equal("/Track", toEnglish.Location());
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("Track your complaint", english);
        Assert.Contains("<html lang=\"nl\">", dutch);
        Assert.Contains("Volg uw klacht", dutch);
    }

    [Fact]
    public async Task The_language_switch_never_redirects_to_another_site()
    {
        var response = await factory.CreateBrowserlessClient().GetAsync("/culture/en-GB?returnUrl=https%3A%2F%2Fevil.example");

        Assert.Equal("/", response.Location());
    }

    [Fact]
    public async Task An_unknown_address_shows_a_friendly_not_found_page_to_everyone()
    {
        var response = await factory.CreateBrowserlessClient().GetAsync("/bestaat-niet");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Deze pagina bestaat niet", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_reports_healthy_with_the_database_reachable()
    {
        var response = await factory.CreateBrowserlessClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_clear_message()
    {
        var client = factory.CreateBrowserlessClient();

        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = Accounts.Manager,
            ["Input.Password"] = "wrong-password",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Inloggen is niet gelukt. Controleer uw e-mailadres en wachtwoord.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        using var own = new KlantCentraalFactory();
        var client = own.CreateBrowserlessClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = Accounts.Admin, ["Input.Password"] = "wrong-password" });
        }

        var response = await client.PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = Accounts.Admin,
            ["Input.Password"] = Web.Data.StartupSeeder.DemoPassword,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Na vijf mislukte pogingen kunt u 15 minuten niet inloggen", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain("KlantCentraal.Auth", string.Join(";", response.Headers.TryGetValues("Set-Cookie", out var set) ? set : []));
    }

    [Fact]
    public async Task Posting_without_an_antiforgery_token_is_refused()
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync(Accounts.Desk);

        var response = await client.PostAsync("/Desk", new FormUrlEncodedContent(DeskForm.Valid()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
