using System.Text;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Imports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Pages.Admin;

/// <summary>
/// The history of the helpdesk used before (issue 29), in two steps like the store import: the upload shows what would
/// be imported (tickets, new and known customers, every row's errors) and saves nothing; "Importeren" reads the file
/// again and, only when no row has an error, queues it as an import job and shows its progress page.
/// </summary>
[RequestSizeLimit(UploadLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadLimit, ValueLengthLimit = HelpdeskImport.MaxBytes * 2)]
public sealed class HelpdeskImportModel(HelpdeskImport import, ImportJobs imports, IStringLocalizer<SharedResource> t) : PageModel
{
    private const long UploadLimit = 160L * 1024 * 1024;

    public const int PreviewRows = 20;

    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    public ImportReport? Report { get; private set; }

    /// <summary>The latest imports, running or ended, so a progress page left behind is found again.</summary>
    public IReadOnlyList<ImportState> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Recent = await imports.RecentAsync(ImportKind.Helpdesk, 5, cancellationToken);

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload, CancellationToken cancellationToken)
    {
        if (upload is null || upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), t["Kies een export van de vorige helpdesk: een CSV-bestand (osTicket of eigen kolommen) of Zendesk-JSON."]);
            return Page();
        }

        if (upload.Length > HelpdeskImport.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), t["Het bestand is groter dan {0} MB. Splits het in delen.", HelpdeskImport.MaxBytes / 1024 / 1024]);
            return Page();
        }

        using var reader = new StreamReader(upload.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        Text = await reader.ReadToEndAsync(cancellationToken);
        Report = import.Read(Text);
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Text) || Text.Length > HelpdeskImport.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), t["Kies een export van de vorige helpdesk: een CSV-bestand (osTicket of eigen kolommen) of Zendesk-JSON."]);
            return Page();
        }

        Report = import.Read(Text);
        if (!Report.CanImport)
        {
            ModelState.AddModelError(nameof(Upload), t["Er is niets opgeslagen: los eerst de fouten hieronder op en laad het bestand opnieuw."]);
            return Page();
        }

        var job = await imports.StartAsync(ImportKind.Helpdesk, Text, Report.Tickets.Count, User.Identity?.Name ?? string.Empty, cancellationToken);
        return RedirectToPage("/Admin/Import", new { id = job });
    }
}
