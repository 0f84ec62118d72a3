using System.Text;
using KlantCentraal.Web.Mail;
using KlantCentraal.Web.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace KlantCentraal.Web.Identity;

/// <summary>
/// Staff accounts for administrators: create with an invitation, change roles, deactivate (never delete: the
/// timelines keep the name), reactivate, and send a link to set a new password. Keeps at least one active
/// administrator, so nobody can lock the organisation out. A set-password link goes to the person only, by e-mail:
/// an administrator never sees it, so an administrator cannot take over a manager's account (and co-sign as one).
/// </summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, Mailer mailer, PublicLinks links, Conversations.LiveConnections live, IStringLocalizer<SharedResource> t)
{
    /// <summary>
    /// Creates the account without a password and e-mails the person the link with which they set one; or, invited
    /// "met organisatieaccount" (<paramref name="withProvider"/>), a letter that they sign in with the organisation's
    /// account, whose first sign-in with this verified address links it (ADR 0026).
    /// </summary>
    public async Task<IdentityResult> CreateAsync(string firstName, string email, IReadOnlyCollection<string> roles, bool withProvider, CancellationToken cancellationToken)
    {
        var user = new StaffUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = true, FirstName = firstName.Trim(), ProviderLinkAllowed = withProvider };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return created;
        }

        var added = await users.AddToRolesAsync(user, roles.Where(Roles.All.Contains));
        if (!added.Succeeded)
        {
            return added;
        }

        if (withProvider)
        {
            var body = string.Join(
                "\n",
                t["Beste {0},", user.FirstName],
                string.Empty,
                t["Er is een account voor u aangemaakt. Log in met uw organisatieaccount via de knop op deze pagina:"],
                links.SignIn(),
                string.Empty,
                t["Hebt u hier niet om gevraagd? Laat het de beheerder weten."]);
            await mailer.SendAsync(user.Email!, user.FirstName, t["Uw account voor KlantCentraal"], body, cancellationToken);
            return IdentityResult.Success;
        }

        await SendPasswordLinkAsync(user, invitation: true, cancellationToken);
        return IdentityResult.Success;
    }

    /// <summary>
    /// Allows (or no longer allows) the account to be linked to the organisation account with its e-mail address at
    /// that account's next sign-in, if the provider vouches for the address (ADR 0026).
    /// </summary>
    public async Task<IdentityResult> AllowProviderLinkAsync(StaffUser user, bool allow)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.ProviderLinkAllowed = allow;
        return await users.UpdateAsync(user);
    }

    /// <summary>Ends the link with the organisation account: its next sign-in is refused until a new link is allowed.</summary>
    public async Task<IdentityResult> UnlinkProviderAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        foreach (var login in (await users.GetLoginsAsync(user)).Where(l => l.LoginProvider == OidcOptions.Scheme))
        {
            var removed = await users.RemoveLoginAsync(user, login.LoginProvider, login.ProviderKey);
            if (!removed.Succeeded)
            {
                return removed;
            }
        }

        return await users.UpdateSecurityStampAsync(user);
    }

    /// <summary>E-mails the person a link to set a new password; valid as long as Identity's reset tokens are.</summary>
    public async Task SendPasswordLinkAsync(StaffUser user, bool invitation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = links.SetPassword(user.Email!, WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token)));
        var subject = invitation ? t["Uw account voor KlantCentraal"] : t["Nieuw wachtwoord voor KlantCentraal"];
        var body = string.Join(
            "\n",
            t["Beste {0},", user.FirstName],
            string.Empty,
            invitation ? t["Er is een account voor u aangemaakt. Kies via deze link uw wachtwoord:"] : t["Kies via deze link een nieuw wachtwoord:"],
            link,
            string.Empty,
            t["Hebt u hier niet om gevraagd? Laat het de beheerder weten."]);
        await mailer.SendAsync(user.Email!, user.FirstName, subject, body, cancellationToken);
    }

    /// <summary>Sets the roles; refuses to leave the organisation without an active administrator.</summary>
    public async Task<IdentityResult> SetRolesAsync(StaffUser user, IReadOnlyCollection<string> roles)
    {
        ArgumentNullException.ThrowIfNull(user);
        var wanted = roles.Where(Roles.All.Contains).ToHashSet();
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin) && await IsLastActiveAdminAsync(user))
        {
            return IdentityResult.Failed(new IdentityError { Code = "LastAdmin", Description = t["Er moet minstens één actieve beheerder blijven."] });
        }

        var removed = await users.RemoveFromRolesAsync(user, current.Except(wanted));
        return removed.Succeeded ? await users.AddToRolesAsync(user, wanted.Except(current)) : removed;
    }

    /// <summary>Deactivates the account and signs it out everywhere; the name stays on every timeline.</summary>
    public async Task<IdentityResult> DeactivateAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await users.IsInRoleAsync(user, Roles.Admin) && await IsLastActiveAdminAsync(user))
        {
            return IdentityResult.Failed(new IdentityError { Code = "LastAdmin", Description = t["Er moet minstens één actieve beheerder blijven."] });
        }

        user.IsActive = false;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return updated;
        }

        var signedOut = await users.UpdateSecurityStampAsync(user);
        await live.EndAsync(user.Id);
        return signedOut;
    }

    public async Task<IdentityResult> ReactivateAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.IsActive = true;
        return await users.UpdateAsync(user);
    }

    private async Task<bool> IsLastActiveAdminAsync(StaffUser user) =>
        !(await users.GetUsersInRoleAsync(Roles.Admin)).Any(u => u.IsActive && u.Id != user.Id);
}
