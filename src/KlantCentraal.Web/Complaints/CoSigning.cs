using KlantCentraal.Domain;
using KlantCentraal.Web.Forms;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Localization;
using KlantCentraal.Web.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace KlantCentraal.Web.Complaints;

/// <summary>
/// A manager's co-signature on the desk screen (ADR 0005): checks the manager's own credentials without
/// signing anyone in or out, and explains in plain words why a co-signature is asked.
/// </summary>
public sealed class CoSigning(
    UserManager<StaffUser> users,
    IPasswordHasher<StaffUser> hasher,
    Data.AppDbContext db,
    Data.WriteGate gate,
    TimeProvider time,
    IOptions<OidcOptions> oidc,
    IOptionsMonitor<PolicyOptions> policy,
    Formats formats,
    IStringLocalizer<SharedResource> t)
{
    public decimal LimitEuros => policy.CurrentValue.CoSignAboveEuros;

    public Money SecondLimit => policy.CurrentValue.CoSign.SecondLimit;

    /// <summary>
    /// The co-signing managers the form names (none, one, or two different ones), or null with errors in
    /// <paramref name="modelState"/> under the fields of <paramref name="prefix"/>.
    /// </summary>
    public async Task<CoSigners?> VerifyAsync(ICoSignFields fields, ModelStateDictionary modelState, string prefix)
    {
        ArgumentNullException.ThrowIfNull(fields);
        // Wrong credentials are reported at the password field (the one usually mistyped), with the same words
        // whether the address or the password was wrong.
        var first = await VerifyOneAsync(fields.CoSignEmail, fields.CoSignPassword, modelState, $"{prefix}.{nameof(ICoSignFields.CoSignPassword)}", $"{prefix}.{nameof(ICoSignFields.CoSignEmail)}");
        var secondField = $"{prefix}.{nameof(ICoSignFields.SecondCoSignEmail)}";
        var second = await VerifyOneAsync(fields.SecondCoSignEmail, fields.SecondCoSignPassword, modelState, $"{prefix}.{nameof(ICoSignFields.SecondCoSignPassword)}", secondField);
        if (first is not null && second is not null && new CoSigners(first.Manager, second.Manager).Problem == DomainError.CoSignerNotSecondManager)
        {
            modelState.AddModelError(secondField, t["De tweede handtekening komt van een andere manager dan de eerste."]);
            return null;
        }

        // A second signature alone counts as the first.
        _verified = [.. new[] { first ?? second, first is null ? null : second }.OfType<Signature>()];
        return _verified.Count == 0 ? null : new CoSigners(_verified[0].Manager, _verified.ElementAtOrDefault(1)?.Manager);
    }

    /// <summary>Who co-signed and how (password or co-sign PIN), kept for the audit log until the grant is stored.</summary>
    private sealed record Signature(StaffMember Manager, string? Email, string How);

    private List<Signature> _verified = [];

    /// <summary>Returns the co-signing manager, or null with an error in <paramref name="modelState"/> under <paramref name="field"/>.</summary>
    private async Task<Signature?> VerifyOneAsync(string? email, string? password, ModelStateDictionary modelState, string field, string emailField)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var manager = await users.FindByEmailAsync(email.Trim());
        if (manager is null || !manager.IsActive || await users.IsLockedOutAsync(manager))
        {
            modelState.AddModelError(field, t["Het e-mailadres, het wachtwoord of de PIN van de manager klopt niet. Probeer het opnieuw."]);
            return null;
        }

        var how = nameof(CoSignMethod.Password);
        if (manager.CoSignPinHash is not null && IsPin(password))
        {
            // The manager's own co-sign PIN (ADR 0027): five wrong ones in a row block it until the manager sets a new one.
            if (manager.CoSignPinBlocked || !await ClaimPinTryAsync(manager.Id))
            {
                modelState.AddModelError(field, t["De meeteken-PIN van deze manager is geblokkeerd na vijf foute pogingen. De manager stelt een nieuwe in bij 'Meeteken-PIN', of tekent mee met het wachtwoord."]);
                return null;
            }

            if (hasher.VerifyHashedPassword(manager, manager.CoSignPinHash, password!) == PasswordVerificationResult.Failed)
            {
                modelState.AddModelError(field, t["Het e-mailadres, het wachtwoord of de PIN van de manager klopt niet. Probeer het opnieuw."]);
                return null;
            }

            await gate.WriteAsync(db, () => db.Users.Where(u => u.Id == manager.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CoSignPinFailures, 0)), CancellationToken.None);
            how = nameof(CoSignMethod.Pin);
        }
        else if (oidc.Value.Enabled && !oidc.Value.LocalPasswords)
        {
            // Without local passwords (ADR 0026) a password here opens nothing, not even a co-signature: the PIN does.
            modelState.AddModelError(field, t["Wachtwoorden worden hier niet gebruikt. De manager tekent mee met de eigen meeteken-PIN (in te stellen bij 'Meeteken-PIN')."]);
            return null;
        }
        else if (!await ClaimPasswordTryAsync(manager) || manager.PasswordHash is null
            || hasher.VerifyHashedPassword(manager, manager.PasswordHash, password ?? string.Empty) == PasswordVerificationResult.Failed)
        {
            await LockWhenTriesAreUsedAsync(manager.Id);
            modelState.AddModelError(field, t["Het e-mailadres, het wachtwoord of de PIN van de manager klopt niet. Probeer het opnieuw."]);
            return null;
        }

        if (!await users.IsInRoleAsync(manager, Roles.Manager))
        {
            modelState.AddModelError(emailField, t["Alleen een manager kan meetekenen. Vraag een manager om hier in te loggen."]);
            return null;
        }

        if (how == nameof(CoSignMethod.Password))
        {
            await gate.WriteAsync(db, () => db.Users.Where(u => u.Id == manager.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0)), CancellationToken.None);
        }

        return new Signature(new StaffMember(manager.Id, manager.FirstName, isManager: true), manager.Email, how);
    }

    /// <summary>
    /// Takes one of the PIN's five tries before the PIN is checked, with one conditional update: however many PINs
    /// arrive at once, at most five wrong ones are ever checked. A right PIN gives the tries back.
    /// </summary>
    private Task<bool> ClaimPinTryAsync(string managerId) => gate.WriteAsync(
        db,
        async () => await db.Users.Where(u => u.Id == managerId && u.CoSignPinFailures < StaffUser.CoSignPinAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.CoSignPinFailures, u => u.CoSignPinFailures + 1)) == 1,
        CancellationToken.None);

    /// <summary>
    /// The password's tries, the same way, against the sign-in's lockout (five, then 15 minutes): a try is taken before
    /// the password is checked; after a lockout ran out, one request (the one that read that lockout) gives the five back.
    /// </summary>
    private async Task<bool> ClaimPasswordTryAsync(StaffUser manager)
    {
        var max = users.Options.Lockout.MaxFailedAccessAttempts;
        if (manager.AccessFailedCount >= max && manager.LockoutEnd is { } ended && ended <= time.GetUtcNow())
        {
            var stamp = manager.ConcurrencyStamp;
            await gate.WriteAsync(
                db,
                () => db.Users.Where(u => u.Id == manager.Id && u.AccessFailedCount >= max && u.ConcurrencyStamp == stamp)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0).SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null).SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString())),
                CancellationToken.None);
        }

        return await gate.WriteAsync(
            db,
            async () => await db.Users.Where(u => u.Id == manager.Id && u.AccessFailedCount < max)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1)) == 1,
            CancellationToken.None);
    }

    /// <summary>After a wrong password: the fifth try locks the account for the sign-in's lockout time (the count stays at five until then).</summary>
    private Task<int> LockWhenTriesAreUsedAsync(string managerId)
    {
        var max = users.Options.Lockout.MaxFailedAccessAttempts;
        var until = time.GetUtcNow() + users.Options.Lockout.DefaultLockoutTimeSpan;
        return gate.WriteAsync(
            db,
            () => db.Users.Where(u => u.Id == managerId && u.AccessFailedCount >= max)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, (DateTimeOffset?)until).SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString())),
            CancellationToken.None);
    }

    /// <summary>
    /// The signatures just verified, for the command of the grant they stand behind: the desk service writes them to
    /// the audit log in the grant's own transaction, so a co-signature is logged exactly when its grant is stored.
    /// </summary>
    public IReadOnlyList<CoSignature> Signatures => [.. _verified.Select(s => new CoSignature(s.Manager.Id, s.Email, s.How))];

    /// <summary>What a co-sign PIN looks like: 6 to 12 digits.</summary>
    public static bool IsPin(string? value) => value is { Length: >= 6 and <= 12 } && value.All(char.IsAsciiDigit);

    /// <summary>Why a co-signature is asked, in plain words: "€ 750,00 in de afgelopen 30 dagen + € 250,00 nu is meer dan € 250,00".</summary>
    public string Message(CoSignatureRequiredException needed, Money? amount)
    {
        ArgumentNullException.ThrowIfNull(needed);
        var reasons = needed.Reasons;
        var why = new List<string>();
        var limit = reasons.HasFlag(CoSignReason.AboveSecondLimit) ? policy.CurrentValue.CoSign.SecondLimit : needed.Limit ?? Money.FromEuros(LimitEuros);
        if (reasons.HasFlag(CoSignReason.AmountAboveLimit) && needed.RecentGoodwill.IsPositive)
        {
            why.Add(t["{0} in de afgelopen {1} dagen + {2} nu is meer dan {3}", formats.Money(needed.RecentGoodwill), policy.CurrentValue.CoSign.WindowDays, formats.Money(amount ?? Money.Zero), formats.Money(limit)]);
        }
        else if (reasons.HasFlag(CoSignReason.AmountAboveLimit))
        {
            why.Add(t["het bedrag is hoger dan {0}", formats.Money(limit)]);
        }

        if (reasons.HasFlag(CoSignReason.StoreBudgetExceeded) && needed.Budget is { } budget)
        {
            why.Add(t["het goodwillbudget van {0} voor deze maand ({1}, al {2} gebruikt) is niet genoeg voor {3}", budget.StoreName, formats.Money(budget.Budget), formats.Money(budget.Used), formats.Money(amount ?? Money.Zero)]);
        }

        if (reasons.HasFlag(CoSignReason.TrustFlag))
        {
            why.Add(t["deze klant heeft een vertrouwensmarkering"]);
        }

        return reasons.HasFlag(CoSignReason.AboveSecondLimit)
            ? t["Twee managers tekenen mee, want {0}. Laat twee verschillende managers hieronder hun e-mailadres en wachtwoord invullen; daarna is de klant direct geholpen.", string.Join(t[" en "], why)]
            : t["Een manager tekent mee, want {0}. Laat een manager hieronder zijn e-mailadres en wachtwoord invullen; daarna is de klant direct geholpen.", string.Join(t[" en "], why)];
    }
}

/// <summary>How a manager co-signed: stored by name in the audit log, shown in the reader's language.</summary>
public enum CoSignMethod
{
    Password,
    Pin,
}
