using KlantCentraal.Web.Conversations;
using KlantCentraal.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Admin;

/// <summary>Saved replies: reply texts in Dutch and English with placeholders, which the desk inserts and edits before sending.</summary>
public sealed class SavedRepliesModel(AppDbContext db, SavedReplies replies, IStringLocalizer<SharedResource> t) : PageModel
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

        if (Id != 0 && !await db.SavedReplies.AnyAsync(r => r.Id == Id, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        if ((await replies.SaveAsync(Id, Title!, TextNl!, TextEn, cancellationToken)).Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }

        Saved = t["Het standaardantwoord is opgeslagen."];
        return RedirectToPage(new { id = (int?)null });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        if ((await replies.RemoveAsync(id, cancellationToken)).IsDone)
        {
            Saved = t["Het standaardantwoord is verwijderd."];
        }

        return RedirectToPage(new { id = (int?)null });
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Replies = await db.SavedReplies.AsNoTracking().OrderBy(r => r.Title).ToListAsync(cancellationToken);
}
