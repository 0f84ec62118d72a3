using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using KlantCentraal.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Security;

/// <summary>Finding 6: a submission id finds its complaint again only for the client that sent it.</summary>
public class SubmissionReplay(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task Replaying_an_api_submission_id_on_the_online_form_never_shows_the_api_complaints_code()
    {
        var (keyId, plain) = await TestApiKeys.CreateAsync(factory.Services, ApiScopes.CreateComplaints);
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", plain);
        api.DefaultRequestHeaders.Add("Idempotency-Key", "order-1");
        var created = await api.PostAsJsonAsync("/api/v1/complaints", new { customerName = "Webwinkel Klant", email = "klant@example.nl", productName = "Fiets", description = "Kapot" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var apiCode = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("trackingCode").GetString()!;
        var derived = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"api:{keyId}:order-1"))[..16]);

        var attacker = factory.CreateBrowserlessClient();
        var form = OnlineForm.Valid($"mallory.{Guid.NewGuid():N}@example.nl");
        form["Input.SubmissionId"] = derived.ToString();
        await attacker.PostFormAsync("/Complain", form);
        var sent = await attacker.GetHtmlAsync("/Complain/Sent");

        Assert.DoesNotContain(apiCode, sent);
        Assert.Equal(2, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.SubmissionId == derived)));
    }

    [Fact]
    public async Task Another_browser_replaying_an_online_submission_id_gets_its_own_complaint_and_not_the_first_code()
    {
        var first = factory.CreateBrowserlessClient();
        var form = OnlineForm.Valid($"lotte.{Guid.NewGuid():N}@example.nl");
        await first.PostFormAsync("/Complain", form);
        var firstSent = await first.GetHtmlAsync("/Complain/Sent");
        var firstCode = await factory.WithDbAsync(db => db.Complaints.Where(c => c.SubmissionId == Guid.Parse(form["Input.SubmissionId"])).Select(c => c.TrackingCode).SingleAsync());
        Assert.Contains(firstCode.Display, firstSent);

        var other = factory.CreateBrowserlessClient();
        await other.PostFormAsync("/Complain", form);

        Assert.DoesNotContain(firstCode.Display, await other.GetHtmlAsync("/Complain/Sent"));
    }

    [Fact]
    public async Task The_same_browser_submitting_twice_still_stores_one_complaint()
    {
        var browser = factory.CreateBrowserlessClient();
        var form = OnlineForm.Valid($"twice.{Guid.NewGuid():N}@example.nl");

        await browser.PostFormAsync("/Complain", form);
        await browser.PostFormAsync("/Complain", form);

        Assert.Equal(1, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.SubmissionId == Guid.Parse(form["Input.SubmissionId"]))));
    }
}
