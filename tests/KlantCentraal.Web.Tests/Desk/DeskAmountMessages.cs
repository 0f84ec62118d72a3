using System.Net;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Tests.Desk;

public class DeskAmountMessages(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Theory]
    [InlineData("abc", "Vul alleen cijfers in, met een komma voor de centen, bijvoorbeeld 24,95.")]
    [InlineData("-24,95", "Een bedrag is nooit negatief: vul het in zonder minteken, bijvoorbeeld 24,95.")]
    [InlineData("24,9555", "Gebruik hoogstens twee cijfers na de komma, bijvoorbeeld 24,95.")]
    [InlineData("1,250", "Bedoelt u met \"1,250\" duizenden of centen? Schrijf bijvoorbeeld 1.250 of 1,25.")]
    [InlineData("0", "Het bedrag moet meer dan € 0,00 zijn.")]
    [InlineData("250000", "Het bedrag kan hoogstens € 100.000,00 zijn.")]
    [InlineData("", "Vul het bedrag in, bijvoorbeeld 24,95.")]
    public async Task Each_kind_of_wrong_amount_gets_its_own_message_and_nothing_is_stored(string amount, string message)
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var form = DeskForm.Valid().With("Input.Amount", amount);

        var response = await desk.PostFormAsync("/Desk", form);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, html);
        Assert.DoesNotContain("zonder minteken", amount.StartsWith('-') ? string.Empty : html);
        var submission = Guid.Parse(form["Input.SubmissionId"]);
        Assert.False(await factory.WithDbAsync(db => db.Complaints.AnyAsync(c => c.SubmissionId == submission)));
    }

    [Fact]
    public async Task An_amount_above_the_sanity_bound_is_questioned_once_and_goes_on_when_confirmed()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);
        var form = DeskForm.Valid().With("Input.Amount", "6000");

        var asked = WebUtility.HtmlDecode(await (await desk.PostFormAsync("/Desk", form)).Content.ReadAsStringAsync());
        var confirmed = WebUtility.HtmlDecode(await (await desk.PostFormAsync("/Desk", form.With("Input.AmountConfirmed", "true"))).Content.ReadAsStringAsync());

        Assert.Contains("Klopt dit bedrag? € 6.000,00 is meer dan we gewoonlijk geven.", asked);
        Assert.Contains("Ja, dit bedrag klopt", asked);
        Assert.DoesNotContain("Klopt dit bedrag?", confirmed);
        Assert.Contains("Twee managers tekenen mee", confirmed);
    }

    [Fact]
    public async Task An_ordinary_amount_is_never_questioned()
    {
        var desk = factory.CreateBrowserlessClient();
        await desk.SignInAsync(Accounts.Desk);

        var response = await desk.PostFormAsync("/Desk", DeskForm.Valid().With("Input.Amount", "4.999,99").With("Input.CoSignEmail", Accounts.Manager).With("Input.CoSignPassword", Web.Data.StartupSeeder.DemoPassword).With("Input.SecondCoSignEmail", "").With("Input.SecondCoSignPassword", ""));

        Assert.DoesNotContain("Klopt dit bedrag?", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}
