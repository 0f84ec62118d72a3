using System.Net;
using System.Text.RegularExpressions;
using KlantCentraal.Domain;
using KlantCentraal.Web.Investigations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Investigations;

public partial class ManagerInvestigationSteps(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();

    [Fact]
    public async Task It_cannot_be_marked_fixed_before_cause_and_corrective_action_are_recorded()
    {
        var (manager, id, _) = await InvestigationWithComplaintAsync();

        var response = await PostStepAsync(manager, id, "Fixed", new() { ["Fixed.ImprovementText"] = "Beter", ["Fixed.EffectivenessCheckDate"] = Future(30) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Vul eerst de oorzaakcategorie, de oorzaak en de corrigerende maatregel in", await response.Content.ReadAsStringAsync());
        Assert.Equal(InvestigationStatus.Open, await StatusAsync(id));
    }

    [Fact]
    public async Task A_check_date_in_the_past_is_refused_at_its_field_and_nothing_is_fixed()
    {
        var (manager, id, _) = await InvestigationWithComplaintAsync();
        await PostStepAsync(manager, id, "Analysis", Analysis());

        var response = await PostStepAsync(manager, id, "Fixed", new() { ["Fixed.ImprovementText"] = "Beter scharnier", ["Fixed.EffectivenessCheckDate"] = Future(-2) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("id=\"Fixed_EffectivenessCheckDate-error\"[^>]*>De controledatum kan niet in het verleden liggen.<", await response.Content.ReadAsStringAsync());
        Assert.Equal(InvestigationStatus.InProgress, await StatusAsync(id));
    }

    [Fact]
    public async Task Fixed_with_an_improvement_the_customer_sees_it_and_gets_an_email()
    {
        var (manager, id, code) = await InvestigationWithComplaintAsync();
        await PostStepAsync(manager, id, "Analysis", Analysis());

        var fixedResponse = await PostStepAsync(manager, id, "Fixed", new() { ["Fixed.ImprovementText"] = "Nieuwe waterkokers krijgen een sterker scharnier.", ["Fixed.EffectivenessCheckDate"] = Future(30) });

        Assert.Equal(HttpStatusCode.Redirect, fixedResponse.StatusCode);
        Assert.Equal(InvestigationStatus.Fixed, await StatusAsync(id));
        Assert.Equal(ComplaintStatus.Closed, await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)).Select(c => c.Status).SingleAsync()));
        var customer = factory.CreateBrowserlessClient();
        var lookup = await customer.PostFormAsync("/Track", new Dictionary<string, string> { ["Input.Code"] = code, ["Input.PostcodeOrEmail"] = "1012AB" });
        var status = await customer.GetHtmlAsync(lookup.Location());
        Assert.Contains("Afgerond", status);
        Assert.Contains("Nieuwe waterkokers krijgen een sterker scharnier.", status);
        Assert.Contains("Daan heeft uitgezocht hoe het kwam.", status);
        var display = TrackingCode.Parse(code).Display;
        // The outbox's worker sends it (the tests' app runs its rounds itself).
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Web.Mail.MailOutbox>().ProcessPendingAsync(CancellationToken.None);
        }

        Assert.Contains(Directory.EnumerateFiles(factory.MailPickup, "*.eml").Select(File.ReadAllText), m => m.Contains($"Wat we verbeterden dankzij uw klacht {display}", StringComparison.Ordinal) && m.Contains("sterker scharnier", StringComparison.Ordinal));
    }

    /// <summary>Issue 42: the letters of a fixed investigation go through the outbox's worker, never inside the manager's request.</summary>
    [Fact]
    public async Task Fixing_tells_the_manager_at_once_how_many_customers_get_a_letter_and_the_worker_sends_them()
    {
        using var app = factory.WithWebHostBuilder(b => b.UseSetting("MailOutbox:WorkerEnabled", "false"));
        var product = $"Steamer {Guid.NewGuid():N}";
        var desk = app.CreateClient(new() { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await desk.PostFormAsync("/Desk", DeskForm.Valid(product: product))).TrackingCode());
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        }

        var id = await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(codes[0])).Select(c => c.InvestigationId!.Value).SingleAsync());
        var manager = app.CreateClient(new() { AllowAutoRedirect = false });
        await manager.SignInAsync(Accounts.Manager);
        await PostStepAsync(manager, id, "Analysis", Analysis());

        var fixedResponse = await PostStepAsync(manager, id, "Fixed", new() { ["Fixed.ImprovementText"] = "De stoomkop is vervangen.", ["Fixed.EffectivenessCheckDate"] = Future(30) });

        Assert.Equal(HttpStatusCode.Redirect, fixedResponse.StatusCode);
        Assert.Contains("3 klant(en) krijgen bericht per e-mail", System.Net.WebUtility.HtmlDecode(await manager.GetHtmlAsync(fixedResponse.Location())));
        var ids = await factory.WithDbAsync(db => db.Complaints.Where(c => c.InvestigationId == id).Select(c => c.Id).ToListAsync());
        Assert.Equal(3, await factory.WithDbAsync(db => db.OutgoingMails.CountAsync(m => ids.Contains(m.ComplaintId) && m.Kind == Web.Mail.MailKind.Improvement && m.SentAt == null)));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Web.Mail.MailOutbox>().ProcessPendingAsync(CancellationToken.None);
        }

        Assert.Equal(0, await factory.WithDbAsync(db => db.OutgoingMails.CountAsync(m => ids.Contains(m.ComplaintId) && m.Kind == Web.Mail.MailKind.Improvement && m.SentAt == null)));
    }

    [Fact]
    public async Task The_page_leads_step_by_step_and_draws_the_causes_as_a_fishbone()
    {
        var (manager, id, _) = await InvestigationWithComplaintAsync();

        var before = System.Net.WebUtility.HtmlDecode(await manager.GetHtmlAsync($"/Manager/Investigation/{id}"));
        await PostStepAsync(manager, id, "Analysis", Analysis());
        var after = System.Net.WebUtility.HtmlDecode(await manager.GetHtmlAsync($"/Manager/Investigation/{id}"));

        Assert.Matches("<li class=\"step current\" aria-current=\"step\"><span class=\"step-name\">Analyse</span>", before);
        Assert.Contains("<button type=\"submit\" class=\"button primary\" disabled=\"disabled\">Op opgelost zetten</button>", before);
        Assert.DoesNotContain("data-testid=\"fishbone\"", before);
        Assert.Matches("<li class=\"step current\" aria-current=\"step\"><span class=\"step-name\">Klant informeren</span>", after);
        Assert.Contains("<button type=\"submit\" class=\"button primary\">Op opgelost zetten</button>", after);
        Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\"", after);
        Assert.Contains(">Materiaal</text>", after);
        Assert.Contains("Scharnier van te zwak", after);
        Assert.Contains("<dt>Materiaal</dt>", after);
        Assert.DoesNotContain("Vastgelegde analyse", after);
        Assert.Contains("data-testid=\"more-actions\"", after);
    }

    [Fact]
    public async Task Verification_waits_for_the_effectiveness_check_date()
    {
        var (manager, id, _) = await InvestigationWithComplaintAsync();
        await PostStepAsync(manager, id, "Analysis", Analysis());
        await PostStepAsync(manager, id, "Fixed", new() { ["Fixed.ImprovementText"] = "Beter scharnier", ["Fixed.EffectivenessCheckDate"] = Future(30) });

        var response = await PostStepAsync(manager, id, "Verify", []);

        Assert.Contains("Deze stap kan nu niet: de controle op effect staat op", await response.Content.ReadAsStringAsync());
        Assert.Equal(InvestigationStatus.Fixed, await StatusAsync(id));
    }

    [Fact]
    public async Task Closing_without_cause_needs_a_reason()
    {
        var (manager, id, _) = await InvestigationWithComplaintAsync();

        var refused = await PostStepAsync(manager, id, "Close", new() { ["CloseReason"] = "" });
        var closed = await PostStepAsync(manager, id, "Close", new() { ["CloseReason"] = "Eenmalig transportincident" });

        Assert.Contains("Schrijf op waarom er geen oorzaak is", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(InvestigationStatus.ClosedWithoutCause, await StatusAsync(id));
    }

    [Fact]
    public async Task Start_makes_it_in_progress_and_the_second_of_two_simultaneous_saves_gets_a_conflict()
    {
        var (manager, id, _) = await InvestigationWithComplaintAsync();
        var html = await manager.GetHtmlAsync($"/Manager/Investigation/{id}");
        var token = HttpClientExtensions.AntiforgeryToken(html);
        var version = VersionField().Match(html).Groups[1].Value;
        var first = new Dictionary<string, string>(Analysis()) { ["Version"] = version, ["__RequestVerificationToken"] = token };
        var second = new Dictionary<string, string>(Analysis("Andere oorzaak")) { ["Version"] = version, ["__RequestVerificationToken"] = token };

        var saved = await manager.PostAsync($"/Manager/Investigation/{id}?handler=Analysis", new FormUrlEncodedContent(first));
        var conflict = await manager.PostAsync($"/Manager/Investigation/{id}?handler=Analysis", new FormUrlEncodedContent(second));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Iemand anders heeft dit onderzoek net gewijzigd.", await conflict.Content.ReadAsStringAsync());
        var stored = await factory.WithDbAsync(db => db.Investigations.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal("Scharnier van te zwak materiaal", stored.CauseStatement);
        Assert.Equal(InvestigationStatus.InProgress, stored.Status);
        Assert.Equal(5, stored.Whys.Count);
    }

    [Fact]
    public async Task A_complaint_can_be_moved_investigations_merged_and_split_and_each_move_is_on_the_timeline()
    {
        var (manager, a, codeA) = await InvestigationWithComplaintAsync("Lamp A");
        var (_, b, codeB) = await InvestigationWithComplaintAsync("Lamp B");
        var (_, c, _) = await InvestigationWithComplaintAsync("Lamp C");

        await PostStepAsync(manager, a, "Move", new() { ["ComplaintId"] = (await ComplaintIdAsync(codeA)).ToString(System.Globalization.CultureInfo.InvariantCulture), ["TargetId"] = b.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(2, await factory.WithDbAsync(db => db.Complaints.CountAsync(x => x.InvestigationId == b)));

        var merged = await PostStepAsync(manager, c, "Merge", new() { ["TargetId"] = b.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal($"/Manager/Investigation/{b}", merged.Location());
        Assert.Equal(InvestigationStatus.Merged, await StatusAsync(c));
        Assert.Equal(3, await factory.WithDbAsync(db => db.Complaints.CountAsync(x => x.InvestigationId == b)));

        var split = await PostStepAsync(manager, b, "Split", new() { ["SplitIds"] = (await ComplaintIdAsync(codeB)).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var newId = int.Parse(split.Location().Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(2, await factory.WithDbAsync(db => db.Complaints.CountAsync(x => x.InvestigationId == b)));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Complaints.CountAsync(x => x.InvestigationId == newId)));
        var moves = await factory.WithDbAsync(db => db.TimelineEvents.CountAsync(e => e.Kind == TimelineEventKind.MovedToInvestigation));
        Assert.True(moves >= 3);
    }

    [Fact]
    public async Task Splitting_without_choosing_a_complaint_is_refused_in_plain_words()
    {
        var (manager, id, _) = await InvestigationWithComplaintAsync();

        var response = await PostStepAsync(manager, id, "Split", []);

        Assert.Contains("Vink minstens één klacht aan om af te splitsen", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.InvestigationId == id)));
    }

    [Fact]
    public async Task A_refused_step_shows_the_saved_analysis_and_saving_it_again_keeps_it()
    {
        var (manager, id, _) = await InvestigationWithComplaintAsync();
        await PostStepAsync(manager, id, "Analysis", Analysis());

        var refused = await PostStepAsync(manager, id, "Fixed", new() { ["Fixed.ImprovementText"] = "", ["Fixed.EffectivenessCheckDate"] = Future(30) });
        var page = System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Schrijf in gewone woorden wat er verbeterd is.", page);
        Assert.Contains("name=\"Analysis.Whys[0]\" value=\"Het deksel sluit niet\"", page);
        Assert.Contains("<option value=\"Materials\" selected=\"selected\">", page);
        Assert.Contains(">Scharnier van te zwak materiaal</textarea>", page);

        // A form that carries only some fields (an old tab, a crafted post) changes those and blanks nothing else.
        await PostStepAsync(manager, id, "Analysis", new() { ["Analysis.ActionOwner"] = "Kwaliteit" });
        var saved = await factory.WithDbAsync(db => db.Investigations.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal("Kwaliteit", saved.ActionOwner);
        Assert.Equal("Scharnier van te zwak materiaal", saved.CauseStatement);
        Assert.Equal(CauseCategory.Materials, saved.CauseCategory);
        Assert.Equal(5, saved.Whys.Count);
    }

    [Fact]
    public async Task The_desk_cannot_reach_the_investigation_page()
    {
        var (_, id, _) = await InvestigationWithComplaintAsync();
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);

        Assert.Contains("AccessDenied", (await desk.GetAsync($"/Manager/Investigation/{id}")).Location());
    }

    /// <summary>Issue 41, finding 8: the check date is the organisation's day (ADR 0023), also just after its midnight.</summary>
    [Fact]
    public async Task An_investigation_is_verified_on_its_check_date_at_half_past_midnight_organisation_time()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        using var app = factory.WithClock(clock);
        var desk = app.CreateClient(new() { AllowAutoRedirect = false });
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid(product: $"Tosti-ijzer {Guid.NewGuid():N}"))).TrackingCode();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        }

        var id = await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)).Select(c => c.InvestigationId!.Value).SingleAsync());
        var manager = app.CreateClient(new() { AllowAutoRedirect = false });
        await manager.SignInAsync(Accounts.Manager);
        await PostStepAsync(manager, id, "Analysis", Analysis());
        Assert.Equal(HttpStatusCode.Redirect, (await PostStepAsync(manager, id, "Fixed", new() { ["Fixed.ImprovementText"] = "Een sterkere klem.", ["Fixed.EffectivenessCheckDate"] = "2026-12-08" })).StatusCode);

        clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 23, 30, 0, TimeSpan.Zero)); // 00:30 on 8 December in Amsterdam
        var later = app.CreateClient(new() { AllowAutoRedirect = false });
        await later.SignInAsync(Accounts.Manager);
        var verified = await PostStepAsync(later, id, "Verify", []);

        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Equal(InvestigationStatus.Verified, await StatusAsync(id));
    }

    private static Dictionary<string, string> Analysis(string cause = "Scharnier van te zwak materiaal") => new()
    {
        ["Analysis.Whys[0]"] = "Het deksel sluit niet",
        ["Analysis.Whys[1]"] = "Het scharnier is te zwak",
        ["Analysis.Whys[2]"] = "Goedkoper onderdeel",
        ["Analysis.Whys[3]"] = "Inkoop keek alleen naar prijs",
        ["Analysis.Whys[4]"] = "Geen kwaliteitseis",
        ["Analysis.CauseCategory"] = "Materials",
        ["Analysis.CauseStatement"] = cause,
        ["Analysis.CorrectiveAction"] = "Ander scharnier bestellen",
        ["Analysis.PreventiveAction"] = "Kwaliteitseis in inkoopvoorwaarden",
        ["Analysis.ActionOwner"] = "Inkoop",
        ["Analysis.ActionDueDate"] = Future(14),
    };

    private static string Future(int days) => DateTime.UtcNow.Date.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<HttpResponseMessage> PostStepAsync(HttpClient manager, int id, string handler, Dictionary<string, string> fields)
    {
        var page = $"/Manager/Investigation/{id}";
        var html = await manager.GetHtmlAsync(page);
        var form = new Dictionary<string, string>(fields)
        {
            ["Version"] = VersionField().Match(html).Groups[1].Value,
            ["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(html),
        };
        var content = new FormUrlEncodedContent(form);
        return await manager.PostAsync($"{page}?handler={handler}", content);
    }

    private async Task<(HttpClient Manager, int InvestigationId, string Code)> InvestigationWithComplaintAsync(string? product = null)
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid(product: product ?? $"Waterkoker {Guid.NewGuid():N}"))).TrackingCode();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RootCauseQueueProcessor>().ProcessPendingAsync(CancellationToken.None);
        }

        var id = await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)).Select(c => c.InvestigationId!.Value).SingleAsync());
        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);
        return (manager, id, code);
    }

    private Task<int> ComplaintIdAsync(string code) => factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)).Select(c => c.Id).SingleAsync());

    private Task<InvestigationStatus> StatusAsync(int id) => factory.WithDbAsync(db => db.Investigations.Where(i => i.Id == id).Select(i => i.Status).SingleAsync());
}
