using System.Net;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Pages.Admin;

/// <summary>
/// Webhooks (issue 29): register an endpoint (URL, events, description; the signing secret is shown once), pause and
/// resume it, send a test event, and read its delivery log (event, attempt, status, duration, first kilobyte of the
/// answer) with "send again" per event.
/// </summary>
public sealed class WebhooksModel(
    AppDbContext db,
    WebhookEndpoints endpoints,
    WebhookSender sender,
    IOptionsMonitor<WebhookOptions> options,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<WebhookEndpoint> Endpoints { get; private set; } = [];

    /// <summary>The endpoint whose log is shown (<c>?endpoint=</c>).</summary>
    [BindProperty(SupportsGet = true)]
    public int? Endpoint { get; set; }

    public IReadOnlyList<LogRow> Log { get; private set; } = [];

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public List<string> Events { get; set; } = [];

    [TempData]
    public string? Saved { get; set; }

    /// <summary>The new endpoint's signing secret, shown once.</summary>
    [TempData]
    public string? NewSecret { get; set; }

    public sealed record LogRow(int DeliveryId, string Type, DateTime At, int Attempt, int? Status, int DurationMs, string? Answer, bool Delivered, bool GivenUp);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var url = CheckedUrl();
        if (string.IsNullOrWhiteSpace(Description) || Description.Trim().Length > WebhookEndpoint.DescriptionMaxLength)
        {
            ModelState.AddModelError(nameof(Description), t["Beschrijf waar het eindpunt voor is, bijvoorbeeld \"Boekhouding\" (hoogstens {0} tekens).", WebhookEndpoint.DescriptionMaxLength]);
        }

        if (!Events.Any(WebhookEvents.All.Contains))
        {
            ModelState.AddModelError(nameof(Events), t["Kies minstens één gebeurtenis."]);
        }

        if (!ModelState.IsValid || url is null)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var registered = await endpoints.RegisterAsync(url, Description!, Events, cancellationToken);
        NewSecret = registered.Secret;
        Saved = t["Het eindpunt is aangemaakt. Kopieer de geheime sleutel nu: hij wordt maar één keer getoond."];
        return RedirectToPage(new { endpoint = registered.Id });
    }

    public async Task<IActionResult> OnPostPauseAsync(int id, CancellationToken cancellationToken) =>
        Show(await endpoints.PauseAsync(id, t["Gepauzeerd door {0}.", User.Identity?.Name ?? "?"].Value, cancellationToken), t["Het eindpunt is gepauzeerd: er gaat niets meer heen tot u het weer aanzet."]);

    public async Task<IActionResult> OnPostResumeAsync(int id, CancellationToken cancellationToken) =>
        Show(await endpoints.ResumeAsync(id, cancellationToken), t["Het eindpunt staat weer aan."]);

    /// <summary>The "send test event" button: a webhook.test goes out now; the log shows what the receiver answered.</summary>
    public async Task<IActionResult> OnPostTestAsync(int id, CancellationToken cancellationToken)
    {
        if (!(await endpoints.RaiseTestAsync(id, cancellationToken)).IsDone)
        {
            return NotFound();
        }

        await sender.ProcessPendingAsync(cancellationToken);
        Saved = t["Het testbericht is verstuurd; hieronder staat wat de ontvanger antwoordde."];
        return RedirectToPage(new { endpoint = id });
    }

    /// <summary>Sends one event of the log again now (after the receiver was repaired).</summary>
    public async Task<IActionResult> OnPostRedeliverAsync(int id, CancellationToken cancellationToken)
    {
        var endpointId = await db.WebhookDeliveries.Where(d => d.Id == id).Select(d => (int?)d.EndpointId).FirstOrDefaultAsync(cancellationToken);
        if (endpointId is null)
        {
            return NotFound();
        }

        await sender.RedeliverAsync(id, cancellationToken);
        Saved = t["Het bericht is opnieuw verstuurd; hieronder staat wat de ontvanger antwoordde."];
        return RedirectToPage(new { endpoint = endpointId });
    }

    /// <summary>The URL, if it is one we may send to: absolute, https (http only where private networks are allowed), no user name or password, no address inside a network.</summary>
    private Uri? CheckedUrl()
    {
        var allowPrivate = options.CurrentValue.AllowPrivateNetworks;
        if (!Uri.TryCreate(Address?.Trim(), UriKind.Absolute, out var url) || url.AbsoluteUri.Length > WebhookEndpoint.UrlMaxLength
            || !(url.Scheme == Uri.UriSchemeHttps || (allowPrivate && url.Scheme == Uri.UriSchemeHttp)) || !string.IsNullOrEmpty(url.UserInfo))
        {
            ModelState.AddModelError(nameof(Address), t["Vul een volledig https-adres in, zoals https://boekhouding.voorbeeld.nl/klantcentraal (zonder gebruikersnaam of wachtwoord)."]);
            return null;
        }

        if (!allowPrivate && (url.IsLoopback || (IPAddress.TryParse(url.IdnHost, out var address) && !WebhookSender.IsPublic(address))))
        {
            ModelState.AddModelError(nameof(Address), t["Dit adres ligt binnen een netwerk of is van internet niet te bereiken (zoals loopback, privé, link-local of gereserveerd); daar stuurt KlantCentraal niets heen."]);
            return null;
        }

        return url;
    }

    private IActionResult Show(Outcome outcome, string done)
    {
        if (!outcome.IsDone)
        {
            return NotFound();
        }

        Saved = done;
        return RedirectToPage(new { endpoint = outcome.Id });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Endpoints = await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
        if (Endpoint is { } id)
        {
            Log = await db.WebhookAttempts.AsNoTracking().Where(a => a.EndpointId == id).OrderByDescending(a => a.Id).Take(50)
                .Join(db.WebhookDeliveries, a => a.DeliveryId, d => d.Id, (a, d) => new LogRow(
                    d.Id, d.Type, a.At, db.WebhookAttempts.Count(x => x.DeliveryId == d.Id && x.Id <= a.Id), a.Status, a.DurationMs, a.Answer, d.DeliveredAt != null, d.GivenUpAt != null))
                .ToListAsync(cancellationToken);
        }
    }
}
