using System.Globalization;
using KlantCentraal.Domain;
using KlantCentraal.Web.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace KlantCentraal.Web.Tests.Localization;

/// <summary>#16 item 1: every rule the domain can refuse with is said once, in Dutch and in English.</summary>
public class DomainErrorMessages(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task Every_domain_error_has_a_dutch_message_and_an_english_translation_of_it()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var formats = scope.ServiceProvider.GetRequiredService<Formats>();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var error in Enum.GetValues<DomainError>())
            {
                var refusal = new DomainException(error, "rule", limit: 10, date: new DateOnly(2026, 12, 1));
                CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("nl-NL");
                var dutch = formats.Message(refusal);
                CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("en-GB");
                var english = formats.Message(refusal);

                Assert.False(string.IsNullOrWhiteSpace(dutch), error.ToString());
                Assert.NotEqual(dutch, english);
                Assert.DoesNotContain("rule", dutch, StringComparison.Ordinal);
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public async Task A_check_date_and_a_limit_appear_in_the_message_as_the_reader_writes_them()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var formats = scope.ServiceProvider.GetRequiredService<Formats>();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("nl-NL");

            Assert.Contains("01-12-2026", formats.Message(new DomainException(DomainError.EffectivenessCheckNotDue, "rule", date: new DateOnly(2026, 12, 1))), StringComparison.Ordinal);
            Assert.Contains("1000", formats.Message(new DomainException(DomainError.RemarkTooLong, "rule", limit: 1000)), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = before;
        }
    }
}
