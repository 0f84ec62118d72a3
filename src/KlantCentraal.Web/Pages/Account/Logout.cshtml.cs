using System.Security.Claims;
using KlantCentraal.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using KlantCentraal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KlantCentraal.Web.Pages.Account;

/// <summary>Signs the staff member out everywhere (POST only, with antiforgery): a saved copy of the cookie stops working too.</summary>
public sealed class LogoutModel(SignInManager<StaffUser> signIn, IOptionsMonitor<OpenIdConnectOptions> oidc, ILogger<LogoutModel> logger) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    /// <summary>
    /// Ends our session everywhere; for someone who came through the organisation's provider, the provider's session
    /// too, where it offers an end-session endpoint (RP-initiated logout), and back to the home page from there.
    /// </summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var viaProvider = User.FindFirstValue(ClaimTypes.AuthenticationMethod) == OidcOptions.Scheme;
        var idToken = viaProvider ? await HttpContext.GetTokenAsync("id_token") : null;
        await signIn.SignOutEverywhereAsync(User);
        if (viaProvider && await EndSessionEndpointAsync(cancellationToken))
        {
            var properties = new AuthenticationProperties { RedirectUri = Url.Page("/Index") };
            properties.Items[SingleSignOn.IdTokenHint] = idToken;
            return SignOut(properties, OidcOptions.Scheme);
        }

        return RedirectToPage("/Index");
    }

    private async Task<bool> EndSessionEndpointAsync(CancellationToken cancellationToken)
    {
        try
        {
            var configuration = await oidc.Get(OidcOptions.Scheme).ConfigurationManager!.GetConfigurationAsync(cancellationToken);
            return !string.IsNullOrEmpty(configuration.EndSessionEndpoint);
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException)
        {
            // Our session has ended; the provider's cannot be reached now.
            logger.LogWarning("Signed out here, but the sign-in provider cannot be reached to end its session: {Error}", ex.Message);
            return false;
        }
    }
}
