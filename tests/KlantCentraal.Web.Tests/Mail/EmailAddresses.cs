using KlantCentraal.Web.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Mail;

public class EmailAddresses(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Theory]
    [InlineData("naam@voorbeeld.nl")]
    [InlineData("  Fatima.El-Amrani+klacht@mail.example.nl ")]
    [InlineData("zoë@example.nl")]
    public void An_ordinary_address_is_one_we_can_write_to(string address) =>
        Assert.True(MailAddresses.IsDeliverable(address));

    [Theory]
    [InlineData("M4(_[*nwNA{1Es69#^u Rov!%Ts7I*aoKd_LtFwV18H7.Y%\\I{|SP-}_e]2fma6@l")]
    [InlineData("naam@voorbeeld")]
    [InlineData("naam@.nl")]
    [InlineData("naam@voorbeeld.")]
    [InlineData("@voorbeeld.nl")]
    [InlineData("naam voorbeeld@voorbeeld.nl")]
    [InlineData("Naam <naam@voorbeeld.nl>")]
    [InlineData("a@b.nl, c@d.nl")]
    [InlineData("")]
    public void An_address_the_mailer_cannot_use_is_refused(string address) =>
        Assert.False(MailAddresses.IsDeliverable(address));

    [Fact]
    public async Task The_mailer_reports_a_failure_instead_of_throwing_for_an_address_stored_before_the_stricter_check()
    {
        using var scope = factory.Services.CreateScope();
        var mailer = scope.ServiceProvider.GetRequiredService<Mailer>();

        var sent = await mailer.SendAsync("x(y@z", "Klant", "Uw klacht", "Tekst", CancellationToken.None);

        Assert.False(sent);
    }
}
