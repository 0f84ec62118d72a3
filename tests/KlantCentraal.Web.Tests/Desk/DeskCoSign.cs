using System.Net;
using KlantCentraal.Domain;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Desk;

public class DeskCoSign(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task A_refund_above_the_limit_asks_for_a_manager_keeps_everything_typed_and_stores_nothing()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var form = DeskForm.Valid(product: $"Wasmachine {Guid.NewGuid():N}").With("Input.Amount", "499,00");

        var response = await desk.PostFormAsync("/Desk", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Een manager tekent mee, want het bedrag is hoger dan € 250,00.", html);
        Assert.Contains("data-testid=\"co-sign\"", html);
        Assert.Contains("value=\"499,00\"", html);
        Assert.Contains(form["Input.ProductName"], html);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.ProductName == form["Input.ProductName"])));
    }

    [Fact]
    public async Task A_manager_co_signs_on_the_desk_screen_and_the_desk_employee_stays_signed_in()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);

        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.Amount", "499,00")
            .With("Input.CoSignEmail", Accounts.Manager).With("Input.CoSignPassword", Web.Data.StartupSeeder.DemoPassword));

        var code = response.TrackingCode();
        var complaint = await factory.WithDbAsync(db => db.Complaints.Include(c => c.Timeline).SingleAsync(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)));
        Assert.Equal(49900, complaint.Resolution!.AmountCents);
        Assert.Equal("Sanne", complaint.Resolution.GrantedByName);
        Assert.Equal("Daan", complaint.Resolution.CoSignedByName);
        Assert.Equal(CoSignReason.AmountAboveLimit, complaint.Resolution.CoSignReasons);
        Assert.Contains(complaint.Timeline, e => e.Kind == TimelineEventKind.CoSigned && e.ActorName == "Daan");
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/Desk")).StatusCode);
        Assert.Contains("Ingelogd als balie@klantcentraal.test", await desk.GetHtmlAsync("/Desk"));
    }

    [Fact]
    public async Task A_co_signature_is_in_the_audit_log_once_with_its_grant_also_when_the_form_is_sent_twice()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var form = DeskForm.Valid().With("Input.Amount", "499,00")
            .With("Input.CoSignEmail", Accounts.Manager).With("Input.CoSignPassword", Web.Data.StartupSeeder.DemoPassword);

        var code = (await desk.PostFormAsync("/Desk", form)).TrackingCode();
        var again = (await desk.PostFormAsync("/Desk", form)).TrackingCode();

        Assert.Equal(code, again);
        var logged = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Detail == Web.Auditing.AuditDetail.Of(Web.Auditing.AuditNote.CoSignedWith, Accounts.Manager, "Password", code)).CountAsync());
        Assert.Equal(1, logged);
    }

    [Theory]
    [InlineData(Accounts.Manager, "wrong-password", "Input_CoSignPassword-error", "Het e-mailadres, het wachtwoord of de PIN van de manager klopt niet.")]
    [InlineData("nobody@klantcentraal.test", "whatever", "Input_CoSignPassword-error", "Het e-mailadres, het wachtwoord of de PIN van de manager klopt niet.")]
    [InlineData(Accounts.Desk, Web.Data.StartupSeeder.DemoPassword, "Input_CoSignEmail-error", "Alleen een manager kan meetekenen.")]
    public async Task A_co_signature_from_anyone_but_a_manager_with_the_right_password_is_refused_at_the_field_to_fix(string email, string password, string field, string message)
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var form = DeskForm.Valid(product: $"Koelkast {Guid.NewGuid():N}").With("Input.Amount", "300")
            .With("Input.CoSignEmail", email).With("Input.CoSignPassword", password);

        var response = await desk.PostFormAsync("/Desk", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches($"id=\"{field}\"[^>]*>{message}", html);
        Assert.DoesNotContain(password == "whatever" ? "whatever" : "wrong-password", html);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Complaints.CountAsync(c => c.ProductName == form["Input.ProductName"])));
    }

    [Fact]
    public async Task A_customer_with_a_trust_flag_is_still_helped_with_a_manager_co_signature_even_for_a_small_amount()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var email = $"flagged.{Guid.NewGuid():N}@example.nl";
        await desk.PostFormAsync("/Desk", DeskForm.Valid(email));
        await factory.WithDbAsync(async db =>
        {
            var customer = await db.Customers.SingleAsync(c => c.Email == email);
            customer.FlagTrust("Meerdere keren betrapt op winkeldiefstal", new StaffMember("m", "Daan", isManager: true), DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });

        var asked = await desk.PostFormAsync("/Desk", DeskForm.Valid(email, product: "Broodrooster").With("Input.Amount", "5"));
        var helped = await desk.PostFormAsync("/Desk", DeskForm.Valid(email, product: "Broodrooster").With("Input.Amount", "5")
            .With("Input.CoSignEmail", Accounts.Manager).With("Input.CoSignPassword", Web.Data.StartupSeeder.DemoPassword));

        Assert.Contains("deze klant heeft een vertrouwensmarkering", await asked.Content.ReadAsStringAsync());
        var code = helped.TrackingCode();
        var reasons = await factory.WithDbAsync(db => db.Complaints.Where(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)).Select(c => c.Resolution!.CoSignReasons).SingleAsync());
        Assert.Equal(CoSignReason.TrustFlag, reasons);
    }

    [Fact]
    public async Task A_manager_at_the_desk_grants_above_the_limit_on_their_own_signature()
    {
        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);

        var response = await manager.PostFormAsync("/Desk", DeskForm.Valid().With("Input.Amount", "600"));

        var code = response.TrackingCode();
        var resolution = await factory.WithDbAsync(db => db.Complaints.AsNoTracking().Where(c => c.TrackingCode == KlantCentraal.Domain.TrackingCode.Parse(code)).Select(c => c.Resolution).SingleAsync());
        Assert.Equal("Daan", resolution!.GrantedByName);
        Assert.Equal(CoSignReason.AmountAboveLimit, resolution.CoSignReasons);
    }
}
