using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Conversations;
using KlantCentraal.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Admin;

/// <summary>Saved replies: reply texts in Dutch and English with placeholders, which the desk inserts and edits before sending.</summary>
public sealed class SavedRepliesModel(AppDbContext db, WriteGate gate, AuditLog audit, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<SavedReply> Replies { get; private set; } = [];

    /// <summary>The reply being edited (0 for a new one).</summary>
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? TextNl { get; set; }

    [BindProperty]
    public string? TextEn { get; set; }

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Replies.FirstOrDefault(r => r.Id == Id) is { } editing)
        {
            (Title, TextNl, TextEn) = (editing.Title, editing.TextNl, editing.TextEn);
        }
        else
        {
            Id = 0;
        }
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Title) || Title.Trim().Length > SavedReply.TitleMaxLength)
        {
            ModelState.AddModelError(nameof(Title), t["Geef het antwoord een korte naam (hoogstens {0} tekens), zodat de balie het vindt.", SavedReply.TitleMaxLength]);
        }

        if (string.IsNullOrWhiteSpace(TextNl) || TextNl.Trim().Length > SavedReply.TextMaxLength)
        {
            ModelState.AddModelError(nameof(TextNl), t["Schrijf de Nederlandse tekst (hoogstens {0} tekens).", SavedReply.TextMaxLength]);
        }

        if (TextEn is { Length: > SavedReply.TextMaxLength })
        {
            ModelState.AddModelError(nameof(TextEn), t["De Engelse tekst is te lang: gebruik hoogstens {0} tekens.", SavedReply.TextMaxLength]);
        }

        var reply = Id == 0 ? new SavedReply() : await db.SavedReplies.FirstOrDefaultAsync(r => r.Id == Id, cancellationToken);
        if (reply is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        (reply.Title, reply.TextNl, reply.TextEn, reply.UpdatedAt) = (Title!.Trim(), TextNl!.Trim(), TextEn?.Trim() ?? string.Empty, time.GetUtcNow().UtcDateTime);
        if (reply.Id == 0)
        {
            db.SavedReplies.Add(reply);
        }

        audit.Record(AuditAction.SavedReplyChanged, nameof(SavedReply), reply.Title, null);
        await gate.SaveAsync(db, cancellationToken);
        Saved = t["Het standaardantwoord is opgeslagen."];
        return RedirectToPage(new { id = (int?)null });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.SavedReplies.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is { } reply)
        {
            db.SavedReplies.Remove(reply);
            audit.Record(AuditAction.SavedReplyChanged, nameof(SavedReply), reply.Title, "deleted");
            await gate.SaveAsync(db, cancellationToken);
            Saved = t["Het standaardantwoord is verwijderd."];
        }

        return RedirectToPage(new { id = (int?)null });
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Replies = await db.SavedReplies.AsNoTracking().OrderBy(r => r.Title).ToListAsync(cancellationToken);
}
