using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using KlantCentraal.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Conversations;

public class SavedRepliesAndApiMessages(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task An_administrators_saved_reply_is_inserted_at_the_desk_with_the_placeholders_filled_in()
    {
        var admin = factory.CreateBrowserlessClient();
        await admin.SignInAsync(Accounts.Admin);
        var saved = await admin.PostFormAsync("/Admin/SavedReplies", new Dictionary<string, string>
        {
            ["Id"] = "0",
            ["Title"] = "Foto vragen",
            ["TextNl"] = "Beste {voornaam}, wilt u een foto sturen via {statuslink}? Uw volgcode is {volgcode}. Groet, {medewerker}",
            ["TextEn"] = "Dear {voornaam}, please send a photo.",
        }, "/Admin/SavedReplies?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = await factory.WithDbAsync(db => db.SavedReplies.Where(r => r.Title == "Foto vragen").Select(r => r.Id).SingleAsync());
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();

        // Without script "Invoegen" posts the reply form: it comes back with what was typed and the saved reply after it.
        var inserted = await desk.PostFormAsync($"/Desk/Complaint/{code}", new Dictionary<string, string> { ["ReplyText"] = "Goedemorgen, dank voor uw geduld.", ["savedReply"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"/Desk/Complaint/{code}?handler=InsertReply");

        Assert.Equal(HttpStatusCode.OK, inserted.StatusCode);
        var page = WebUtility.HtmlDecode(await inserted.Content.ReadAsStringAsync());
        Assert.Contains($"Goedemorgen, dank voor uw geduld.\n\nBeste Fatima, wilt u een foto sturen via http://localhost:5080/Track? Uw volgcode is {KlantCentraal.Domain.TrackingCode.Parse(code).Display}. Groet, Sanne</textarea>", page.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Empty(await factory.WithDbAsync(db => db.Messages.Where(m => db.Complaints.Any(c => c.Id == m.ComplaintId && c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code))).ToListAsync()));
    }

    [Fact]
    public async Task An_integration_lists_the_conversation_and_adds_the_customers_message_with_a_photo()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();
        var (_, key) = await TestApiKeys.CreateAsync(factory.Services);
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var form = new MultipartFormDataContent { { new StringContent("Foto van de schade"), "text" } };
        var photo = new ByteArrayContent(DeskAndCustomerConverse.Photo(null));
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(photo, "files", "schade.jpg");

        var added = await api.PostAsync($"/api/v1/complaints/{code}/messages", form);
        var list = await api.GetFromJsonAsync<List<MessagesApi.MessageDto>>($"/api/v1/complaints/{code}/messages");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var message = Assert.Single(list!);
        Assert.Equal(("FromCustomer", "Api", "Foto van de schade"), (message.Direction, message.Channel, message.Text));
        Assert.Equal("image/jpeg", Assert.Single(message.Attachments).ContentType);
    }

    [Fact]
    public async Task An_integration_sending_a_renamed_executable_gets_a_validation_problem_and_nothing_is_stored()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid())).TrackingCode();
        var (_, key) = await TestApiKeys.CreateAsync(factory.Services);
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var form = new MultipartFormDataContent { { new StringContent("Zie bijlage"), "text" }, { new ByteArrayContent("MZ\u0090\u0000"u8.ToArray()), "files", "foto.jpg" } };

        var response = await api.PostAsync($"/api/v1/complaints/{code}/messages", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty((await api.GetFromJsonAsync<List<MessagesApi.MessageDto>>($"/api/v1/complaints/{code}/messages"))!);
    }
}
