using KlantCentraal.Web.Hosting;
using KlantCentraal.Web.Settings;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Pages;

/// <summary>The public home page: what a customer can do here, how to reach us, and the tracking form.</summary>
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class IndexModel(IOptionsMonitor<OrganisationOptions> organisation) : PageModel
{
    public OrganisationOptions Organisation { get; } = organisation.CurrentValue;

    public void OnGet()
    {
    }
}
