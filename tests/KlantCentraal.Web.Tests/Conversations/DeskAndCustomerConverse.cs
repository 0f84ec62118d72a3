using System.Net;
using System.Net.Http.Headers;
using System.Text;
using KlantCentraal.Domain;
using Microsoft.EntityFrameworkCore;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace KlantCentraal.Web.Tests.Conversations;

/// <summary>The desk answers, the customer writes back with photos on the status page, and the desk sees it waiting.</summary>
public class DeskAndCustomerConverse(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task The_desk_replies_by_email_under_its_own_name_and_the_customer_reads_it_on_the_status_page()
    {
        var (desk, code, email) = await ComplaintAsync();

        var replied = await desk.PostFormAsync($"/Desk/Complaint/{code}", new Dictionary<string, string> { ["ReplyText"] = "Wilt u een foto van het deksel sturen?" }, $"/Desk/Complaint/{code}?handler=Reply");

        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        var complaint = await factory.WithDbAsync(db => db.Complaints.AsNoTracking().Include(c => c.Messages).Include(c => c.Timeline).SingleAsync(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)));
        var message = Assert.Single(complaint.Messages);
        Assert.Equal(("Sanne", MessageDirection.ToCustomer), (message.AuthorName, message.Direction));
        Assert.Equal(ConversationState.WaitingOnCustomer, complaint.Conversation);
        Assert.Contains(complaint.Timeline, e => e.Kind == TimelineEventKind.ReplySent && e.ActorName == "Sanne");
        var letter = Mails(email).Single(m => m.Contains("Antwoord op uw klacht", StringComparison.Ordinal));
        Assert.Contains("Wilt u een foto van het deksel sturen?", letter);
        Assert.Contains($"Message-Id: <{message.EmailMessageId}>", letter, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Auto-Submitted: auto-generated", letter);
        var status = await (await StatusPageAsync(code)).Client.GetHtmlAsync((await StatusPageAsync(code)).Url);
        Assert.Contains("Wilt u een foto van het deksel sturen?", status);
        Assert.Contains("Sanne", status);
    }

    [Fact]
    public async Task The_desk_can_send_a_pdf_with_its_reply_and_the_customer_gets_it_in_the_email_and_on_the_status_page()
    {
        var (desk, code, email) = await ComplaintAsync();
        var html = await desk.GetHtmlAsync($"/Desk/Complaint/{code}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(HttpClientExtensions.AntiforgeryToken(html)), "__RequestVerificationToken" },
            { new StringContent("Hierbij het retourformulier."), "ReplyText" },
            { new ByteArrayContent(Pdf()), "files", "retourformulier.pdf" },
        };

        var replied = await desk.PostAsync($"/Desk/Complaint/{code}?handler=Reply", form);

        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        var letter = Mails(email).Single(m => m.Contains("Antwoord op uw klacht", StringComparison.Ordinal));
        Assert.Contains("filename=retourformulier.pdf", letter, StringComparison.Ordinal);
        var (customer, url) = await StatusPageAsync(code);
        Assert.Contains("retourformulier.pdf", await customer.GetHtmlAsync(url));
    }

    [Fact]
    public async Task The_customer_writes_back_with_a_photo_that_is_stored_without_its_metadata_and_the_inbox_shows_it_waiting()
    {
        var (desk, code, email) = await ComplaintAsync();
        var (customer, url) = await StatusPageAsync(code);

        var sent = await PostMessageAsync(customer, url, "Hier is de foto van het deksel.", ("deksel.jpg", Photo("GeheimeCamera-GPS-52.37")));

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var complaint = await factory.WithDbAsync(db => db.Complaints.AsNoTracking().Include(c => c.Messages).SingleAsync(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)));
        Assert.Equal(ConversationState.WaitingOnUs, complaint.Conversation);
        var stored = await factory.WithDbAsync(db => db.Attachments.AsNoTracking().SingleAsync(a => a.ComplaintId == complaint.Id));
        Assert.Equal("image/jpeg", stored.ContentType);
        Assert.NotNull(stored.Thumbnail);
        Assert.False(Encoding.Latin1.GetString(stored.Content).Contains("GeheimeCamera", StringComparison.Ordinal));
        Assert.Contains(Mails(email), m => m.Contains("We hebben uw bericht over klacht", StringComparison.Ordinal));
        var inbox = await desk.GetHtmlAsync("/Desk/Inbox");
        Assert.Contains($"data-code=\"{code}\"", inbox);
        var page = await desk.GetHtmlAsync($"/Desk/Complaint/{code}");
        Assert.Contains("Hier is de foto van het deksel.", page);
        Assert.Contains("data-testid=\"waiting-on-us\"", page);

        var file = await desk.GetAsync($"/Desk/Attachments/{stored.Id}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("nosniff", file.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", file.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var token = url.Split("t=")[1];
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync($"/Track/Attachments/{stored.Id}?t={token}")).StatusCode);

        var (_, otherCode, _) = await ComplaintAsync();
        var (other, otherUrl) = await StatusPageAsync(otherCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Track/Attachments/{stored.Id}?t={otherUrl.Split("t=")[1]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserlessClient().GetAsync($"/Track/Attachments/{stored.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_pdf_is_only_ever_downloaded()
    {
        var (desk, code, _) = await ComplaintAsync();
        var (customer, url) = await StatusPageAsync(code);

        await PostMessageAsync(customer, url, "De bon", ("bon.pdf", Pdf()));

        var id = await factory.WithDbAsync(db => db.Attachments.Where(a => db.Complaints.Any(c => c.Id == a.ComplaintId && c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code))).Select(a => a.Id).SingleAsync());
        var file = await desk.GetAsync($"/Desk/Attachments/{id}");
        Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition!.DispositionType);
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "foto.jpg", Encoding.ASCII.GetBytes("MZ\u0090\u0000 this is a renamed executable"), "kunnen we niet aannemen" },
        { "leeg.png", [], "is leeg" },
        { "kapot.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00], "kunnen we niet aannemen" },
        { "polyglot.pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF"), "kunnen we niet aannemen" },
        { "groot.pdf", new byte[(10 * 1024 * 1024) + 1], "is te groot" },
    };

    [Theory]
    [MemberData(nameof(BadFiles), DisableDiscoveryEnumeration = true)] // a 10 MB argument must not be serialised at discovery
    public async Task A_wrong_empty_corrupt_oversized_or_polyglot_file_gets_a_clear_message_and_nothing_is_stored(string name, byte[] content, string message)
    {
        var (_, code, _) = await ComplaintAsync();
        var (customer, url) = await StatusPageAsync(code);

        var response = await PostMessageAsync(customer, url, "Zie bijlage", (name, content));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDbAsync(db => db.Messages.AnyAsync(m => db.Complaints.Any(c => c.Id == m.ComplaintId && c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)))));
    }

    [Fact]
    public async Task Six_files_are_refused_in_one_message()
    {
        var (_, code, _) = await ComplaintAsync();
        var (customer, url) = await StatusPageAsync(code);

        var response = await PostMessageAsync(customer, url, "Veel foto's", [.. Enumerable.Range(1, 6).Select(i => ($"foto{i}.jpg", Photo(null)))]);

        Assert.Contains("Stuur hoogstens 5 bestanden per bericht.", await response.Content.ReadAsStringAsync());
    }

    private async Task<(HttpClient Desk, string Code, string Email)> ComplaintAsync()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"gesprek.{Guid.NewGuid():N}@example.nl";
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid(email))).TrackingCode();
        return (desk, code, email);
    }

    private async Task<(HttpClient Client, string Url)> StatusPageAsync(string code)
    {
        var customer = factory.CreateBrowserlessClient();
        var lookup = await customer.PostFormAsync("/Track", new Dictionary<string, string> { ["Input.Code"] = code, ["Input.PostcodeOrEmail"] = "1012 AB" });
        return (customer, lookup.Location());
    }

    private static async Task<HttpResponseMessage> PostMessageAsync(HttpClient customer, string url, string text, params (string Name, byte[] Content)[] files)
    {
        var html = await customer.GetHtmlAsync(url);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(HttpClientExtensions.AntiforgeryToken(html)), "__RequestVerificationToken" },
            { new StringContent(text), "MessageText" },
        };
        foreach (var (name, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", name);
        }

        return await customer.PostAsync(url.Replace("/Track/Status?", "/Track/Status?handler=Message&", StringComparison.Ordinal), form);
    }

    private List<string> Mails(string email) =>
        Directory.EnumerateFiles(factory.MailPickup, "*.eml").Select(File.ReadAllText).Where(m => m.Contains(email, StringComparison.Ordinal)).ToList();

    /// <summary>A small JPEG with EXIF metadata (such as a camera and GPS would write).</summary>
    internal static byte[] Photo(string? secret)
    {
        using var image = new Image<Rgba32>(64, 48, new Rgba32(200, 40, 40));
        if (secret is not null)
        {
            image.Metadata.ExifProfile = new ExifProfile();
            image.Metadata.ExifProfile.SetValue(ExifTag.Software, secret);
            image.Metadata.ExifProfile.SetValue(ExifTag.ImageDescription, secret);
        }

        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream);
        return stream.ToArray();
    }

    internal static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
}
