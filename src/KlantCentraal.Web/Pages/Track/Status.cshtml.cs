using KlantCentraal.Domain;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Conversations;
using KlantCentraal.Web.Organisation;
using KlantCentraal.Web.Security;
using KlantCentraal.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Track;

/// <summary>
/// The customer's status page, reached only through the token the lookup handed out: where the complaint stands,
/// the conversation with the desk, and a form to write back with up to five photos or PDFs.
/// </summary>
[EnableRateLimiting(RateLimits.Message)]
public sealed class StatusModel(
    StatusModel.Query query,
    Localization.Formats formats,
    TrackingTokens tokens,
    ConversationDesk conversation,
    AttachmentRules attachments,
    IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>
    /// What the customer's status page reads (issue 42, Contoso's Query): the complaint as the page shows it, its
    /// conversation, and the promised date of a complaint stored before promises were kept (ADR 0028).
    /// </summary>
    public sealed class Query(AppDbContext db, ConversationDesk conversation, Organisation.Deadlines deadlines, Payouts.OwedRefunds owedRefunds)
    {
        /// <summary>When a refund still owed is paid out at the latest (issue 43); null when nothing is owed.</summary>
        public async Task<DateOnly?> PayByAsync(StatusView complaint, CancellationToken cancellationToken) =>
            complaint.Resolution is { IsOwed: true } owed
                ? (await owedRefunds.ClockAsync(cancellationToken)).PayBy(owed.GrantedAt)
                : null;

        public async Task<(StatusView Complaint, ConversationView Conversation, DateOnly? RespondBy)?> ComplaintAsync(Domain.TrackingCode code, CancellationToken cancellationToken)
        {
            // One connection for the page's queries instead of one open and close (with its set-up) per query.
            await db.Database.OpenConnectionAsync(cancellationToken);
            if (await ByTrackingCode.For(db)(db, code, cancellationToken) is not { } complaint)
            {
                return null;
            }

            var respondBy = complaint is { Status: ComplaintStatus.Received, RespondBy: null }
                ? await deadlines.RespondByAsync(complaint.ReceivedAt, complaint.StoreId, complaint.Regime, cancellationToken)
                : complaint.RespondBy;
            return (complaint, await conversation.ReadAsync(complaint.Id, cancellationToken), respondBy);
        }
    }

    /// <summary>
    /// The customers' most read query, compiled once instead of translated on every request, and reading only the
    /// columns the page shows: SQLite parses the SQL again on every command, and for the whole complaint with its
    /// customer and investigation that parse was a fifth of the page's time.
    /// </summary>
    private static readonly CompiledPerModel<Func<AppDbContext, Domain.TrackingCode, CancellationToken, Task<StatusView?>>> ByTrackingCode = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Domain.TrackingCode code, CancellationToken _) => (
            from c in db.Complaints.AsNoTracking().Where(c => c.TrackingCode == code)
            join store in db.Stores.AsNoTracking() on c.StoreId equals (int?)store.Id into atStore
            from store in atStore.DefaultIfEmpty()
            select new StatusView(
                c.Id,
                c.TrackingCode.Value,
                c.ProductName,
                c.Description,
                c.Status,
                c.ReceivedAt,
                c.SatisfactionScore,
                c.Resolution,
                c.Investigation == null ? null : new StatusView.Cause(c.Investigation.ImprovementText, c.Investigation.OwnerName),
                c.StoreId,
                c.RespondBy,
                c.ExtensionReason,
                c.Regime,
                c.ClockPausedSince != null,
                store))
            .FirstOrDefault()));

    public StatusView? Complaint { get; private set; }

    /// <summary>The store where the complaint was made: named on the page with its phone number and opening hours.</summary>
    public Store? Store { get; private set; }

    public ConversationView? Conversation { get; private set; }

    public AttachmentOptions AttachmentLimits => attachments.Limits;

    /// <summary>The customer's message (the write-back form).</summary>
    [BindProperty]
    public string? MessageText { get; set; }

    /// <summary>The opaque token this page was reached with; forms post it back.</summary>
    public string Token { get; private set; } = string.Empty;

    [BindProperty]
    public int? Score { get; set; }

    [BindProperty]
    public string? Remark { get; set; }

    [TempData]
    public string? Thanks { get; set; }

    /// <summary>The customer is asked once, after resolution, how satisfied they are.</summary>
    public async Task<IActionResult> OnPostFeedbackAsync([FromQuery(Name = "t")] string? token, [FromServices] Complaints.ComplaintDesk desk, CancellationToken cancellationToken)
    {
        if (!tokens.TryUnprotect(token, out var trackingCode))
        {
            return RedirectToPage("Index", new { expired = true });
        }

        var outcome = await desk.GiveFeedbackAsync(trackingCode.Value, Score ?? 0, Remark, cancellationToken);
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound:
                return RedirectToPage("Index", new { expired = true });
            case OutcomeKind.Refused:
                ModelState.AddModelError(outcome.Refusal!.Error == DomainError.ScoreOutOfRange ? nameof(Score) : nameof(Remark), formats.Message(outcome.Refusal));
                return await OnGetAsync(token, cancellationToken);
            case OutcomeKind.Done:
                Thanks = t["Dank u wel voor uw beoordeling! Daar leren we van."];
                break;
            default:
                // Feedback was already given (the same form sent twice at once, or an old tab): the first one counts.
                break;
        }

        return RedirectToPage(new { t = token });
    }

    /// <summary>The customer writes back, with up to five photos or PDFs; confirmed on screen and by e-mail.</summary>
    public async Task<IActionResult> OnPostMessageAsync([FromQuery(Name = "t")] string? token, List<IFormFile>? files, [FromServices] PublicLinks links, CancellationToken cancellationToken)
    {
        if (!tokens.TryUnprotect(token, out var trackingCode))
        {
            return RedirectToPage("Index", new { expired = true });
        }

        files ??= [];
        switch (ComplaintMessage.ProblemWith(MessageText, withFiles: files.Count > 0))
        {
            case DomainError.MessageEmpty:
                ModelState.AddModelError(nameof(MessageText), t["Schrijf uw bericht, of voeg een foto toe."]);
                break;
            case DomainError.TextTooLong:
                ModelState.AddModelError(nameof(MessageText), t["Uw bericht is te lang: gebruik hoogstens {0} tekens.", ComplaintMessage.BodyMaxLength]);
                break;
        }

        IReadOnlyList<CheckedFile> checkedFiles = [];
        if (ModelState.IsValid)
        {
            var (passed, error) = await attachments.ReadAsync(files, cancellationToken);
            if (error is not null)
            {
                ModelState.AddModelError("files", error);
            }

            checkedFiles = passed;
        }

        if (!ModelState.IsValid)
        {
            return await OnGetAsync(token, cancellationToken);
        }

        var outcome = await conversation.ReceiveAsync(trackingCode.Value, MessageText ?? string.Empty, checkedFiles, MessageChannel.StatusPage, emailMessageId: null, links.Letter(), cancellationToken);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            // Erased since the link was sent: the same answer as an expired link.
            return RedirectToPage("Index", new { expired = true });
        }

        Thanks = t["Dank u wel, uw bericht is aangekomen. U krijgt ook een bevestiging per e-mail. We antwoorden zo snel mogelijk."];
        return RedirectToPage(null, null, new { t = token }, "conversation");
    }

    public string StatusExplanation { get; private set; } = string.Empty;

    /// <summary>A refund still owed: the day it is paid out at the latest.</summary>
    public DateOnly? PayBy { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "t")] string? token, CancellationToken cancellationToken)
    {
        if (!tokens.TryUnprotect(token, out var trackingCode))
        {
            return RedirectToPage("Index", new { expired = true });
        }

        if (await query.ComplaintAsync(trackingCode, cancellationToken) is not { } shown)
        {
            return RedirectToPage("Index", new { expired = true });
        }

        var (complaint, conversationView, respondBy) = shown;
        (Complaint, Conversation, Token) = (complaint, conversationView, token!);
        PayBy = await query.PayByAsync(complaint, cancellationToken);
        Store = Complaint.Store; // its store in the same query: one statement fewer on the customers' busiest page
        Response.Headers.CacheControl = "no-cache, no-store"; // what antiforgery sets too, so it has nothing to override (and log)
        StatusExplanation = Complaint.Status switch
        {
            // The date the thank-you page and the letter gave: the same rule, from the moment it was received.
            ComplaintStatus.Received when Complaint.ClockPaused =>
                t["We hebben u een vraag gesteld en wachten op uw antwoord. Zolang staat onze termijn stil; na uw antwoord loopt hij verder."],
            ComplaintStatus.Received when Complaint is { ExtensionReason: { } why, RespondBy: { } extended } =>
                t["We hebben meer tijd nodig: u hoort uiterlijk op {0} van ons, omdat {1}", formats.Date(extended), why],
            ComplaintStatus.Received => t["We hebben uw klacht ontvangen."] + " " + formats.Promise(Complaint.Regime, respondBy!.Value),
            ComplaintStatus.Resolved => t["Uw klacht is opgelost. Hieronder ziet u wat u kreeg. We zoeken nog uit hoe het kwam, zodat het niet nog eens gebeurt."],
            ComplaintStatus.Investigating => t["Uw klacht is opgelost. We zoeken nu uit hoe het kwam, zodat het niet nog eens gebeurt."],
            _ => t["Uw klacht is afgerond. Dank u wel dat u het ons liet weten."],
        };
        return Page();
    }
}

/// <summary>What the customer's status page shows of a complaint.</summary>
public sealed record StatusView(
    int Id,
    string TrackingCode,
    string ProductName,
    string Description,
    ComplaintStatus Status,
    DateTime ReceivedAt,
    int? SatisfactionScore,
    Resolution? Resolution,
    StatusView.Cause? Investigation,
    int? StoreId,
    DateOnly? RespondBy = null,
    string? ExtensionReason = null,
    Regime Regime = Regime.Retail,
    bool ClockPaused = false,
    Store? Store = null)
{
    public string TrackingCodeDisplay => Domain.TrackingCode.Parse(TrackingCode).Display;

    /// <summary>The investigation as the customer sees it: what was improved, and who is looking into it.</summary>
    public sealed record Cause(string? ImprovementText, string? OwnerName);
}
