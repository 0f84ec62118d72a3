using System.Net;

namespace KlantCentraal.Web.Tests.Hosting;

/// <summary>
/// The home page and the lookup form are rendered once per language and served to every anonymous visitor from
/// memory (ADR 0024). A database of its own: what is cached depends on what was asked before.
/// </summary>
public sealed class PublicPagesAreCached : IDisposable
{
    private readonly KlantCentraalFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/")]
    [InlineData("/Track")]
    public async Task Every_anonymous_visitor_gets_the_same_copy_with_no_cookie(string page)
    {
        var first = await _factory.CreateBrowserlessClient().GetAsync(page);
        var second = await _factory.CreateBrowserlessClient().GetAsync(page);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(first.Headers.Contains("Age"));
        Assert.True(second.Headers.Contains("Age"), "the second visitor was not served the cached copy");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.False(second.Headers.Contains("Set-Cookie"));
        Assert.Equal("DENY", second.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Signed_in_staff_get_their_own_menu_and_never_leave_it_in_the_public_copy()
    {
        await _factory.CreateBrowserlessClient().GetAsync("/");
        var desk = _factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);

        var staff = await desk.GetAsync("/");
        var visitor = await _factory.CreateBrowserlessClient().GetHtmlAsync("/");

        var staffPage = await staff.Content.ReadAsStringAsync();
        Assert.False(staff.Headers.Contains("Age"));
        Assert.Contains("Uitloggen", staffPage);
        Assert.Contains("/Desk/Inbox", staffPage);
        Assert.DoesNotContain("Uitloggen", visitor);
        Assert.DoesNotContain("/Desk/Inbox", visitor);
        Assert.Contains("Inloggen medewerkers", visitor);
    }

    [Fact]
    public async Task A_culture_cookie_that_mixes_languages_cannot_leave_english_day_names_in_the_dutch_copy()
    {
        var attacker = _factory.CreateBrowserlessClient();
        attacker.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c=en-GB|uic=nl-NL");
        var mixed = await attacker.GetHtmlAsync("/");

        var visitor = await _factory.CreateBrowserlessClient().GetHtmlAsync("/");

        Assert.DoesNotContain("Monday", mixed);
        Assert.DoesNotContain("Monday", visitor);
        Assert.Contains("maandag", visitor);
    }

    [Fact]
    public async Task Each_language_has_its_own_copy()
    {
        var dutch = _factory.CreateBrowserlessClient();
        var english = _factory.CreateBrowserlessClient();
        await english.GetAsync("/culture/en-GB?returnUrl=%2F");

        await dutch.GetHtmlAsync("/Track");
        var inEnglish = await english.GetHtmlAsync("/Track");
        var inDutch = await dutch.GetHtmlAsync("/Track");

        Assert.Contains("<h1>Track your complaint</h1>", inEnglish);
        Assert.Contains("<h1>Volg uw klacht</h1>", inDutch);
    }

    [Fact]
    public async Task An_address_with_a_query_string_is_rendered_for_its_own_request()
    {
        var client = _factory.CreateBrowserlessClient();
        await client.GetAsync("/Track");

        var expired = await client.GetAsync("/Track?expired=true");
        var plain = await client.GetHtmlAsync("/Track");

        Assert.False(expired.Headers.Contains("Age"));
        Assert.Contains("Uw bezoek is verlopen.", await expired.Content.ReadAsStringAsync());
        Assert.Contains("/culture/en-GB?returnUrl=%2FTrack%3Fexpired%3Dtrue", await expired.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Uw bezoek is verlopen.", plain);
        Assert.Contains("/culture/en-GB?returnUrl=%2FTrack\"", plain);
    }

    /// <summary>
    /// Why the lookup may go without an antiforgery token: it starts no session and sets no cookie, so a forged
    /// post from another site gains nothing a link would not give. If it ever sets a cookie, the token must come back.
    /// </summary>
    [Fact]
    public async Task The_lookup_needs_no_antiforgery_token_because_it_sets_no_cookie()
    {
        var desk = _factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid("cached.lookup@example.nl"))).TrackingCode();
        var form = await _factory.CreateBrowserlessClient().GetHtmlAsync("/Track");

        var found = await _factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).PostAsync("/Track", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["Input.PostcodeOrEmail"] = "cached.lookup@example.nl",
        }));

        Assert.DoesNotContain("__RequestVerificationToken", form);
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.StartsWith("/Track/Status?t=", found.Headers.Location!.ToString());
        Assert.False(found.Headers.Contains("Set-Cookie"), "the lookup set a cookie: it now acts on a session and needs its antiforgery token back");
    }
}
