using System.Net;
using KlantCentraal.Domain;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Payouts;

/// <summary>
/// Issue 43, first part: finance sees the refunds the desk granted to be paid out later, with the day each is due and
/// what is late, marks one paid with its day and reference, and the customer's status page says so.
/// </summary>
public class FinancePayouts(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task Finance_sees_a_bank_transfer_owed_not_a_cash_refund_marks_it_paid_and_the_customer_reads_the_day()
    {
        var (owed, statusUrl) = await RefundAsync("BankTransfer", "129,00");
        var (cash, _) = await RefundAsync("Cash", "12,50");
        var finance = factory.CreateBrowserlessClient();
        await finance.SignInAsync(Accounts.Finance);

        var page = WebUtility.HtmlDecode(await finance.GetHtmlAsync($"/Finance/Payouts?q={owed}"));
        Assert.Contains(TrackingCode.Parse(owed).Display, page);
        Assert.Contains("€ 129,00", page);
        Assert.Contains("Overschrijving", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("nothing-owed", await finance.GetHtmlAsync($"/Finance/Payouts?q={cash}")); // paid at the counter
        var customer = factory.CreateBrowserlessClient();
        var before = WebUtility.HtmlDecode(await customer.GetHtmlAsync(statusUrl));
        Assert.Contains("Uw geld is onderweg: we betalen het uiterlijk", before);
        Assert.DoesNotContain("Hoe tevreden bent u?", before); // asked once the money arrived
        await customer.PostFormAsync(statusUrl, new Dictionary<string, string> { ["Score"] = "5" }, statusUrl + "&handler=Feedback");
        Assert.Null(await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == TrackingCode.Parse(owed)).Select(c => c.SatisfactionScore).SingleAsync()));

        var today = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Web.Organisation.OrganisationCalendar>(factory.Services).Today();
        var paid = await finance.PostFormAsync($"/Finance/Payouts?q={owed}", new Dictionary<string, string> { ["Code"] = owed, ["PaidOn"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["Reference"] = "BANK-2026-0001" }, $"/Finance/Payouts?q={owed}&handler=Paid");

        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var after = WebUtility.HtmlDecode(await finance.GetHtmlAsync(paid.Location()));
        Assert.Contains("staat op betaald", after);
        Assert.Contains("en kreeg een e-mail", after);
        var letter = Directory.EnumerateFiles(factory.MailPickup, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Single(m => m.Subject == $"Uw geld is overgemaakt ({TrackingCode.Parse(owed).Display})");
        Assert.Contains("€ 129,00", letter.TextBody);
        Assert.Contains("naar uw rekening overgemaakt", letter.TextBody);
        Assert.Contains("nothing-owed", after);
        var stored = await factory.WithDbAsync(db => db.Complaints.AsNoTracking().Include(c => c.Timeline).SingleAsync(c => c.TrackingCode == TrackingCode.Parse(owed)));
        Assert.Equal((today, "BANK-2026-0001", "Fatma"), (stored.Resolution!.PaidOn!.Value, stored.Resolution.PaymentReference!, stored.Resolution.PaidByName!));
        Assert.Contains(stored.Timeline, e => e.Kind == TimelineEventKind.RefundPaid && e.ActorName == "Fatma");
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == Web.Auditing.AuditAction.RefundPaid && a.TargetId == owed && a.ActorName == Accounts.Finance)));
        var customerAfter = WebUtility.HtmlDecode(await customer.GetHtmlAsync(statusUrl));
        Assert.Contains("We hebben het geld op", customerAfter);
        Assert.Contains("Hoe tevreden bent u?", customerAfter);
        var csv = await finance.GetAsync($"/Finance/Payouts?handler=Csv&month={today:yyyy-MM}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var line = (await csv.Content.ReadAsStringAsync()).Split('\n').Single(l => l.Contains(TrackingCode.Parse(owed).Display, StringComparison.Ordinal));
        Assert.Contains("129,00", line);
        Assert.Contains("BANK-2026-0001", line);
        Assert.Contains("Fatma", line);
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        Assert.Contains("BANK-2026-0001", WebUtility.HtmlDecode(await desk.GetHtmlAsync($"/Desk/Complaint/{owed}"))); // the desk sees it when the customer calls
    }

    [Fact]
    public async Task A_missing_reference_a_day_in_the_future_or_a_second_payment_is_refused_with_a_message_and_nothing_stored()
    {
        var (owed, _) = await RefundAsync("OriginalPayment", "40,00");
        var finance = factory.CreateBrowserlessClient();
        await finance.SignInAsync(Accounts.Finance);
        var url = $"/Finance/Payouts?q={owed}";
        var today = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Web.Organisation.OrganisationCalendar>(factory.Services).Today();
        Task<string> PostAsync(DateOnly day, string reference) => finance.PostFormAsync(url, new Dictionary<string, string> { ["Code"] = owed, ["PaidOn"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["Reference"] = reference }, url + "&handler=Paid")
            .ContinueWith(t => t.Result.Content.ReadAsStringAsync()).Unwrap();

        Assert.Contains("Vul het kenmerk van de betaling in", WebUtility.HtmlDecode(await PostAsync(today, "  ")));
        Assert.Contains("niet na vandaag", WebUtility.HtmlDecode(await PostAsync(today.AddDays(3), "PSP-1")));
        Assert.Contains("Gebruik hoogstens 35 tekens", WebUtility.HtmlDecode(await PostAsync(today, new string('x', 36))));
        Assert.Null(await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == TrackingCode.Parse(owed)).Select(c => c.Resolution!.PaidOn).SingleAsync()));

        Assert.Contains("staat op betaald", WebUtility.HtmlDecode(await finance.GetHtmlAsync((await finance.PostFormAsync(url, new Dictionary<string, string> { ["Code"] = owed, ["PaidOn"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["Reference"] = "PSP-1" }, url + "&handler=Paid")).Location())));
        Assert.Contains("staat niet (meer) open", WebUtility.HtmlDecode(await PostAsync(today, "PSP-2")));
        Assert.Equal("PSP-1", await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == TrackingCode.Parse(owed)).Select(c => c.Resolution!.PaymentReference).SingleAsync()));
    }

    [Fact]
    public async Task A_refund_owed_longer_than_the_working_days_is_late_in_the_totals_and_under_the_late_filter()
    {
        var (late, _) = await RefundAsync("BankTransfer", "77,00");
        var (fresh, _) = await RefundAsync("BankTransfer", "66,00");
        var longAgo = DateTime.UtcNow.AddDays(-30);
        await factory.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE Complaints SET ResolvedAt = {longAgo} WHERE TrackingCode = {TrackingCode.Parse(late).Value}"));
        var finance = factory.CreateBrowserlessClient();
        await finance.SignInAsync(Accounts.Finance);

        var lateOnly = await finance.GetHtmlAsync("/Finance/Payouts?late=true");
        Assert.Contains(TrackingCode.Parse(late).Display, lateOnly);
        Assert.DoesNotContain(TrackingCode.Parse(fresh).Display, lateOnly);
        Assert.Contains("data-testid=\"late\"", lateOnly);
        var all = await finance.GetHtmlAsync($"/Finance/Payouts?q={fresh}");
        Assert.DoesNotContain("data-testid=\"late\"", all);
        Assert.Contains("data-testid=\"totals\"", all);
        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);
        Assert.Matches("data-testid=\"kpi-refunds-owed\" class=\"overdue\">\\d+ · € [\\d.,]+ · \\d+ te laat<", await manager.GetHtmlAsync("/Manager/Dashboard"));
    }

    [Fact]
    public async Task Only_finance_opens_the_payouts_and_finance_lands_there_after_signing_in()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);
        var finance = factory.CreateBrowserlessClient();
        var landing = await finance.PostFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = Accounts.SecondFinance, ["Input.Password"] = Web.Data.StartupSeeder.DemoPassword });

        Assert.Equal("/Finance/Payouts", landing.Location());
        Assert.NotEqual(HttpStatusCode.OK, (await desk.GetAsync("/Finance/Payouts")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await manager.GetAsync("/Finance/Payouts")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await finance.GetAsync("/Desk")).StatusCode);
        Assert.Contains("Uitbetalingen", await finance.GetHtmlAsync("/Finance/Payouts"));
    }

    /// <summary>The desk records a complaint resolved with a refund paid the given way; its code and the customer's status page.</summary>
    private async Task<(string Code, string StatusUrl)> RefundAsync(string method, string amount)
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var code = (await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.RefundMethod", method).With("Input.Amount", amount))).TrackingCode();
        var client = factory.CreateBrowserlessClient();
        var lookup = await client.PostFormAsync("/Track", new Dictionary<string, string> { ["Input.Code"] = code, ["Input.PostcodeOrEmail"] = "1012 AB" });
        return (code, lookup.Location());
    }
}
