using System.Net;
using KlantCentraal.Domain;

namespace KlantCentraal.Web.Tests.Track;

public class TrackLookup(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    private const string NotFound = "We vinden geen klacht met deze volgcode en deze postcode of dit e-mailadres.";

    [Fact]
    public async Task Finds_the_complaint_by_code_and_email_address_too()
    {
        var (code, email) = await RecordAsync();

        var response = await Lookup(code, email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Track/Status?t=", response.Location());
    }

    [Theory]
    [InlineData("wrong-postcode")]
    [InlineData("unknown-code")]
    [InlineData("not-a-code")]
    public async Task Every_mismatch_gets_the_same_friendly_message(string mismatch)
    {
        var (code, _) = await RecordAsync();
        var response = mismatch switch
        {
            "wrong-postcode" => await Lookup(code, "9999ZZ"),
            "unknown-code" => await Lookup(TrackingCode.New().Display, "1012AB"),
            _ => await Lookup("ABC", "1012AB"),
        };

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, NotFound));
        Assert.DoesNotContain("Input_Code-error\">We vinden", html);
    }

    [Fact]
    public async Task Empty_fields_get_a_message_that_says_what_to_fill_in()
    {
        var response = await Lookup("", "");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Vul uw volgcode in. U vindt die op uw bevestiging.", html);
        Assert.Contains("Vul uw postcode of uw e-mailadres in.", html);
    }

    [Fact]
    public async Task The_status_page_is_not_cached_and_logs_nothing_when_it_is_read()
    {
        var (code, email) = await RecordAsync();
        var status = (await Lookup(code, email)).Location();
        var client = factory.CreateBrowserlessClient();

        var response = await client.GetAsync(status);
        await client.GetAsync(status);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        // A warning per read (antiforgery overriding our cache header) once cost a third of the page's time under load.
        Assert.DoesNotContain(factory.Logged.Messages, m => m.Contains("Cache-Control", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tampered_or_missing_status_token_leads_back_to_the_lookup()
    {
        var client = factory.CreateBrowserlessClient();

        var tampered = await client.GetAsync("/Track/Status?t=CfDJ8-not-a-token");
        var missing = await client.GetAsync("/Track/Status");

        Assert.Equal("/Track?expired=True", tampered.Location());
        Assert.Equal("/Track?expired=True", missing.Location());
    }

    private Task<HttpResponseMessage> Lookup(string code, string postcodeOrEmail) =>
        factory.CreateBrowserlessClient().PostFormAsync("/Track", new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["Input.PostcodeOrEmail"] = postcodeOrEmail,
        });

    private async Task<(string Code, string Email)> RecordAsync()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"track.{Guid.NewGuid():N}@example.nl";
        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid(email));
        return (response.TrackingCode(), email);
    }
}
