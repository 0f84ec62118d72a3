using System.Net;
using KlantCentraal.Domain;

namespace KlantCentraal.Web.Tests.Customers;

/// <summary>
/// ADR 0038: part of a name, e-mail address or phone number is found through a trigram index that triggers keep with
/// every write, and a search that matches more customers than it considers lists the newest and says so.
/// </summary>
public sealed class SearchThroughTheTrigramIndex(KlantCentraalFactory factory) : IClassFixture<KlantCentraalFactory>
{
    [Fact]
    public async Task A_changed_or_erased_customer_is_found_by_what_they_are_now_and_no_longer_by_what_they_were()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var (renamed, erased) = await factory.WithDbAsync(async db =>
        {
            var first = Customer.Create($"Wilhelmina Oudnaam{unique}", $"oud.{unique}@example.nl", null, null, DateTime.UtcNow);
            var second = Customer.Create($"Gerrit Wisser{unique}", $"wis.{unique}@example.nl", "0623456789", null, DateTime.UtcNow);
            db.Customers.AddRange(first, second);
            await db.SaveChangesAsync();
            first.UpdateContactDetails($"Wilhelmina Nieuwnaam{unique}", $"nieuw.{unique}@example.nl", null, null);
            second.Anonymise(DateTime.UtcNow);
            await db.SaveChangesAsync();
            return (first.Id, second.Id);
        });
        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);

        Assert.Contains(Customer.FormatNumber(renamed), await manager.GetHtmlAsync($"/Manager/Customers?q=nieuwnaam{unique}"));
        Assert.Contains(Customer.FormatNumber(renamed), await manager.GetHtmlAsync($"/Manager/Customers?q=nieuw.{unique}@"));
        Assert.DoesNotContain(Customer.FormatNumber(renamed), await manager.GetHtmlAsync($"/Manager/Customers?q=oudnaam{unique}"));
        Assert.DoesNotContain(Customer.FormatNumber(erased), await manager.GetHtmlAsync($"/Manager/Customers?q=wisser{unique}"));
        Assert.DoesNotContain(Customer.FormatNumber(erased), await manager.GetHtmlAsync($"/Manager/Customers?q=wis.{unique}"));
    }

    [Fact]
    public async Task A_search_that_matches_more_customers_than_it_considers_lists_the_newest_and_asks_for_a_precise_term()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        await factory.WithDbAsync(async db =>
        {
            db.Customers.AddRange(Enumerable.Range(0, Web.Customers.CustomerSearch.MaxTextMatches + 5)
                .Select(i => Customer.Create($"Veelvoud{unique} {i:D4}", null, null, null, DateTime.UtcNow)));
            return await db.SaveChangesAsync();
        });
        var manager = factory.CreateBrowserlessClient();
        await manager.SignInAsync(Accounts.Manager);

        var broad = WebUtility.HtmlDecode(await manager.GetHtmlAsync($"/Manager/Customers?q=veelvoud{unique}"));
        var precise = WebUtility.HtmlDecode(await manager.GetHtmlAsync($"/Manager/Customers?q=veelvoud{unique} 0000"));

        Assert.Contains("data-testid=\"more-than-shown\"", broad, StringComparison.Ordinal);
        Assert.Contains("1000 klant(en)", broad, StringComparison.Ordinal);
        Assert.Contains($"Veelvoud{unique} 1004", broad, StringComparison.Ordinal);
        Assert.Contains($"Veelvoud{unique} 0000", precise, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"more-than-shown\"", precise, StringComparison.Ordinal);
    }
}
