using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Organisation;

/// <summary>
/// Escalation (issue 28, ISO 10002): when an unanswered complaint's promise falls due within
/// <see cref="CalendarOptions.WarnWorkingDaysBefore"/> working days, the responsible managers — those of its store
/// (or of every store) and the owner of its category — are told once, in one e-mail each listing their complaints.
/// A complaint is marked only when its e-mails went out, so a mail server that is away means it is told next round.
/// </summary>
public sealed class PromiseWatch(
    AppDbContext db,
    Deadlines deadlines,
    Mailer mailer,
    WriteGate gate,
    PublicLinks links,
    IOptionsMonitor<InvestigationOptions> investigations,
    TimeProvider time,
    ILogger<PromiseWatch> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var until = await deadlines.WarnUntilAsync(cancellationToken);
        var due = await db.Complaints.AsNoTracking()
            .Where(c => c.Status == ComplaintStatus.Received && c.RespondBy != null && c.RespondBy <= until && c.EscalatedAt == null && c.ClockPausedSince == null)
            .OrderBy(c => c.RespondBy).Take(500)
            .Select(c => new { c.Id, c.TrackingCode, c.RespondBy, c.StoreId, c.Category, c.ProductName })
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var managers = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.Email != null && db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(role => role.Id == r.RoleId && role.Name == Roles.Manager)))
            .Select(u => new { u.Id, Email = u.Email!, u.FirstName, u.AllStores, Stores = db.StoreMemberships.Where(m => m.StaffUserId == u.Id).Select(m => m.StoreId).ToList() })
            .ToListAsync(cancellationToken);
        var owners = investigations.CurrentValue.Owners;
        var told = new HashSet<int>(due.Select(c => c.Id));
        foreach (var manager in managers)
        {
            var theirs = due.Where(c => manager.AllStores || (c.StoreId is { } store && manager.Stores.Contains(store))
                || (owners.TryGetValue(c.Category, out var owner) && string.Equals(owner, manager.Email, StringComparison.OrdinalIgnoreCase))).ToList();
            if (theirs.Count == 0)
            {
                continue;
            }

            var lines = theirs.Select(c => $"- {c.TrackingCode.Display} ({c.ProductName}): uiterlijk {c.RespondBy:dd-MM-yyyy} — {new Uri(links.Base, $"Desk/Complaint/{c.TrackingCode.Value}").AbsoluteUri}");
            var body = $"Beste {manager.FirstName},\n\nDeze klachten wachten nog op een eerste antwoord en de beloofde datum is bijna of al voorbij:\n\n{string.Join('\n', lines)}\n\nLos ze op of verleng de termijn met een reden voor de klant.\n\nKlantCentraal";
            if (!await mailer.SendAsync(manager.Email, manager.FirstName, $"Bijna te laat: {theirs.Count} klacht(en) wachten op een antwoord", body, cancellationToken))
            {
                told.ExceptWith(theirs.Select(c => c.Id)); // told next round
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        await gate.WriteAsync(db, async () =>
        {
            foreach (var complaint in await db.Complaints.Where(c => told.Contains(c.Id)).ToListAsync(cancellationToken))
            {
                complaint.MarkEscalated(now);
            }
        }, cancellationToken);
        logger.LogInformation("Promises falling due: {Count} complaint(s) escalated to their managers", told.Count);
        return told.Count;
    }
}
