using System.Net;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Track;

public class CustomerFeedback(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task Feedback_is_given_once_and_feeds_the_managers_figure()
    {
        var (client, statusUrl, code) = await ResolvedComplaintAsync();

        var token = HttpClientExtensions.AntiforgeryToken(await client.GetHtmlAsync(statusUrl));
        var first = await client.PostAsync(statusUrl + "&handler=Feedback", new FormUrlEncodedContent(new Dictionary<string, string> { ["Score"] = "4", ["Remark"] = "Snel geholpen, dank!", ["__RequestVerificationToken"] = token }));
        var second = await client.PostAsync(statusUrl + "&handler=Feedback", new FormUrlEncodedContent(new Dictionary<string, string> { ["Score"] = "1", ["Remark"] = "Tweede keer", ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var complaint = await factory.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)));
        Assert.Equal(4, complaint.SatisfactionScore);
        Assert.Equal("Snel geholpen, dank!", complaint.FeedbackRemark);
        Assert.Contains("U gaf ons een 4 van 5.", await client.GetHtmlAsync(statusUrl));

        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);
        Assert.Contains("data-testid=\"kpi-satisfaction\">4,0 (1)<", await manager.GetHtmlAsync("/Manager/Dashboard"));
    }

    [Fact]
    public async Task A_score_outside_one_to_five_is_refused_with_a_message()
    {
        var (client, statusUrl, code) = await ResolvedComplaintAsync();

        var response = await client.PostFormAsync(statusUrl, new Dictionary<string, string> { ["Score"] = "9" }, statusUrl + "&handler=Feedback");

        Assert.Contains("Kies een cijfer van 1 (zeer ontevreden) tot 5 (zeer tevreden).", await response.Content.ReadAsStringAsync());
        Assert.Null(await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)).Select(c => c.SatisfactionScore).SingleAsync()));
    }

    private async Task<(HttpClient Client, string StatusUrl, string Code)> ResolvedComplaintAsync()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();
        var client = factory.CreateBrowserlessClient();
        var lookup = await client.PostFormAsync("/Track", new Dictionary<string, string> { ["Input.Code"] = code, ["Input.PostcodeOrEmail"] = "1012 AB" });
        return (client, lookup.Location(), code);
    }
}
