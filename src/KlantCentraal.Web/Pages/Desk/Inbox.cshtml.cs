using KlantCentraal.Domain;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Stores;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace KlantCentraal.Web.Pages.Desk;

/// <summary>
/// The web inbox: online complaints waiting to be resolved, and customers' messages waiting for an answer
/// ("wacht op ons"), each oldest first with the date we promised; the second list updates live (SignalR).
/// </summary>
public sealed class InboxModel(AppDbContext db, Organisation.Deadlines deadlines, StoreAccess stores) : PageModel
{
    /// <summary>Empty: the employee's own stores plus complaints without a store; "all": every store.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Store { get; set; }

    public bool Scoped { get; private set; }

    /// <summary>Complaints of one's own stores, and those no store claims yet (the online form without a store, e-mail).</summary>
    private async Task<IQueryable<Complaint>> ComplaintsAsync(CancellationToken cancellationToken)
    {
        var query = db.Complaints.AsNoTracking();
        var access = await stores.GetAsync(cancellationToken);
        if (Store != StoreAccess.AllFilter && access.DefaultScope is { } ids)
        {
            Scoped = true;
            query = query.Where(c => c.StoreId == null || ids.Contains(c.StoreId.Value));
        }

        return query;
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<WaitingRow> Waiting { get; private set; } = [];

    public DateOnly Today { get; private set; }

    /// <summary>A promise on or before this day is near: marked "Bijna te laat" (after today: "Te laat").</summary>
    public DateOnly WarnUntil { get; private set; }

    /// <summary>How near a promise is, in words as well as colour.</summary>
    public string? Urgency(DateOnly? promised) => promised is not { } day ? null : day < Today ? "late" : day <= WarnUntil ? "near" : null;

    /// <summary>Only the list of messages waiting on us, for the page's live refresh.</summary>
    public async Task<IActionResult> OnGetWaitingAsync(CancellationToken cancellationToken)
    {
        Today = deadlines.Today;
        WarnUntil = await deadlines.WarnUntilAsync(cancellationToken);
        await LoadWaitingAsync(cancellationToken);
        return Partial("_Waiting", this);
    }

    private async Task LoadWaitingAsync(CancellationToken cancellationToken)
    {
        var waiting = await (await ComplaintsAsync(cancellationToken))
            .Where(c => c.Conversation == ConversationState.WaitingOnUs)
            .OrderBy(c => c.WaitingSince)
            .Take(200)
            .Select(c => new { c.TrackingCode, c.WaitingSince, CustomerName = c.Customer!.Name, c.ProductName, c.StoreId })
            .ToListAsync(cancellationToken);
        var respondBy = await deadlines.AnswerByForAsync(waiting.Select(c => c.StoreId), cancellationToken);
        Waiting = waiting.Select(c => new WaitingRow(
            c.TrackingCode.Value,
            c.WaitingSince!.Value,
            respondBy(c.WaitingSince.Value, c.StoreId),
            c.CustomerName,
            c.ProductName)).ToList();
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = deadlines.Today;
        WarnUntil = await deadlines.WarnUntilAsync(cancellationToken);
        await LoadWaitingAsync(cancellationToken);
        var waiting = await (await ComplaintsAsync(cancellationToken))
            .Where(c => c.Status == ComplaintStatus.Received)
            // The most urgent promise first, read in order from IX_Complaints_Overdue (Status, RespondBy).
            .OrderBy(c => c.RespondBy).ThenBy(c => c.Id)
            .Take(200)
            .Select(c => new { c.TrackingCode, c.ReceivedAt, CustomerName = c.Customer!.Name, c.ProductName, c.Description, c.DesiredOutcome, c.RespondBy, Paused = c.ClockPausedSince != null })
            .ToListAsync(cancellationToken);
        Rows = waiting.Select(c => new Row(
            c.TrackingCode.Value,
            c.ReceivedAt,
            c.RespondBy,
            c.Paused,
            c.CustomerName,
            c.ProductName,
            c.Description,
            c.DesiredOutcome)).ToList();
    }

    public sealed record WaitingRow(string TrackingCode, DateTime WaitingSince, DateOnly AnswerBy, string CustomerName, string ProductName)
    {
        public string TrackingCodeDisplay => Domain.TrackingCode.Parse(TrackingCode).Display;
    }

    public sealed record Row(string TrackingCode, DateTime ReceivedAt, DateOnly? RespondBy, bool ClockPaused, string CustomerName, string ProductName, string Description, ResolutionType DesiredOutcome)
    {
        public string TrackingCodeDisplay => Domain.TrackingCode.Parse(TrackingCode).Display;
    }
}
