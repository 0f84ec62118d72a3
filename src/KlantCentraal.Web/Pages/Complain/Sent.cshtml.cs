using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Pages.Complain;

/// <summary>
/// The confirmation of an online complaint: the tracking code, a direct link to its status page (no retyping),
/// who will answer and by when, and a print button. Survives a refresh.
/// </summary>
public sealed class SentModel(AppDbContext db, TrackingTokens tokens, Organisation.Deadlines deadlines, TimeProvider time) : PageModel
{
    public string? TrackingCodeDisplay { get; private set; }

    /// <summary>The status page's link with a fresh token, while the code is still in this browser's session.</summary>
    public string? StatusLink { get; private set; }

    /// <summary>The first name of a desk employee of the store the customer chose, else of the central desk; null when there is none.</summary>
    public string? Answerer { get; private set; }

    /// <summary>The promise of the complaint's own store (or the desk), from the moment it was received: the letter says the same date.</summary>
    public DateOnly RespondBy { get; private set; }

    /// <summary>The rules the promise runs under, which choose its words.</summary>
    public Regime Regime { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-cache, no-store"; // what antiforgery sets too, so it has nothing to override (and log)
        if (TempData.Peek(IndexModel.SentCodeKey) is not string code || !TrackingCode.TryParse(code, out var parsed))
        {
            Regime = deadlines.RegimeFor(null);
            RespondBy = await deadlines.RespondByAsync(time.GetUtcNow().UtcDateTime, null, Regime, cancellationToken);
            return;
        }

        TrackingCodeDisplay = parsed!.Display;
        StatusLink = Url.Page("/Track/Status", new { t = tokens.Protect(parsed.Value) });
        var received = await db.Complaints.Where(c => c.TrackingCode == parsed).Select(c => new { c.StoreId, c.ReceivedAt, c.RespondBy, c.Regime }).FirstOrDefaultAsync(cancellationToken);
        var storeId = received?.StoreId;
        Regime = received?.Regime ?? deadlines.RegimeFor(null);
        RespondBy = received?.RespondBy ?? await deadlines.RespondByAsync(received?.ReceivedAt ?? time.GetUtcNow().UtcDateTime, storeId, Regime, cancellationToken);
        var desk = db.Users.Where(u => u.IsActive && db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.ServiceDesk)));
        var ofStore = storeId is null ? desk.Where(u => u.AllStores) : desk.Where(u => db.StoreMemberships.Any(m => m.StaffUserId == u.Id && m.StoreId == storeId));
        Answerer = await ofStore.OrderBy(u => u.FirstName).Select(u => u.FirstName).FirstOrDefaultAsync(cancellationToken)
            ?? await desk.OrderBy(u => u.FirstName).Select(u => u.FirstName).FirstOrDefaultAsync(cancellationToken);
    }
}
