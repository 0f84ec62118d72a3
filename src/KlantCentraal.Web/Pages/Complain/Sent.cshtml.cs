using KlantCentraal.Domain;
using KlantCentraal.Web.Organisation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Pages.Complain;

/// <summary>The confirmation of an online complaint: the tracking code and when we respond. Survives a refresh.</summary>
public sealed class SentModel(IOptionsSnapshot<OrganisationOptions> organisation, TimeProvider time) : PageModel
{
    public string? TrackingCodeDisplay { get; private set; }

    public DateOnly RespondBy => ServiceLevel.AddWorkingDays(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), organisation.Value.OnlineResponseWorkingDays);

    public void OnGet()
    {
        Response.Headers.CacheControl = "no-cache, no-store"; // what antiforgery sets too, so it has nothing to override (and log)
        TrackingCodeDisplay = TempData.Peek(IndexModel.SentCodeKey) is string code && TrackingCode.TryParse(code, out var parsed) ? parsed!.Display : null;
    }
}
