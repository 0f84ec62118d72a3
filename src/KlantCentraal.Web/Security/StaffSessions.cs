using System.Security.Claims;
using KlantCentraal.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Security;

/// <summary>How long a staff session lasts (ASVS 3.3). Configuration: <c>Sessions:*</c>.</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>Signed out after this long without a request. Default 30 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Signed out this long after signing in, however active. Default 12 hours.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
}

/// <summary>
/// The staff sign-in cookie's rules: an idle timeout (sliding expiry), an absolute lifetime counted from the
/// moment of signing in, and a check on every request that the account is still active and its security stamp
/// unchanged. Signing out changes the stamp, so every cookie issued before it stops working at once — also a copy
/// someone saved.
/// </summary>
public static class StaffSessions
{
    private const string SignedInAtKey = "kc.signed-in-at";

    /// <summary>What changes how someone co-signs (the co-sign PIN) asks for a sign-in at most this long ago (issue 41/10).</summary>
    public static readonly TimeSpan RecentSignIn = TimeSpan.FromMinutes(10);

    /// <summary>When the staff member signed in (not when the cookie was last renewed); null without a staff session.</summary>
    public static async Task<DateTimeOffset?> SignedInAtAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var session = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return session.Properties?.Items.TryGetValue(SignedInAtKey, out var signedIn) == true
            && long.TryParse(signedIn, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
    }

    public static IServiceCollection AddStaffSessions(this IServiceCollection services, IConfiguration configuration, bool secureCookies)
    {
        var sessions = configuration.GetSection(SessionOptions.Section).Get<SessionOptions>() ?? new SessionOptions();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = CookieNames.Auth;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = sessions.IdleTimeout;
            options.SlidingExpiration = true;
            options.Events.OnSigningIn = context =>
            {
                // Kept when the cookie is renewed (sliding expiry, RefreshSignIn): the absolute lifetime counts from here.
                context.Properties.Items.TryAdd(SignedInAtKey, context.Options.TimeProvider!.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
                return Task.CompletedTask;
            };
            options.Events.OnValidatePrincipal = async context =>
            {
                if (!await IsCurrentAsync(context, sessions))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                // Identity's own validator still refreshes roles and claims now and then.
                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
        });
        return services;
    }

    private static async Task<bool> IsCurrentAsync(CookieValidatePrincipalContext context, SessionOptions sessions)
    {
        var now = context.Options.TimeProvider!.GetUtcNow();
        if (!context.Properties.Items.TryGetValue(SignedInAtKey, out var signedIn)
            || !long.TryParse(signedIn, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || now - DateTimeOffset.FromUnixTimeSeconds(seconds) > sessions.AbsoluteLifetime)
        {
            return false;
        }

        var services = context.HttpContext.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = context.Principal?.FindFirstValue(stampClaim);
        if (id is null || stamp is null)
        {
            return false;
        }

        var account = await services.GetRequiredService<CurrentStaff>().AccountAsync(id, context.HttpContext.RequestAborted);
        return account is { IsActive: true } && string.Equals(account.SecurityStamp, stamp, StringComparison.Ordinal);
    }

    /// <summary>Signs the staff member out everywhere: every cookie issued before now stops working, and every live inbox connection ends.</summary>
    public static async Task SignOutEverywhereAsync(this SignInManager<StaffUser> signIn, ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        if (await signIn.UserManager.GetUserAsync(principal) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            await signIn.Context.RequestServices.GetRequiredService<Conversations.LiveConnections>().EndAsync(user.Id);
        }

        await signIn.SignOutAsync();
    }
}
