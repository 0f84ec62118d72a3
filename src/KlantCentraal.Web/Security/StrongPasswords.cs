using KlantCentraal.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Zxcvbn.Matcher;

namespace KlantCentraal.Web.Security;

/// <summary>
/// Staff passwords as ASVS 2.1 asks: at least 12 and at most 128 characters, no composition rules, and not common
/// or guessable. Guessability is measured by zxcvbn (a kept library with dictionaries of common passwords, names,
/// words and keyboard patterns; its own name, e-mail address and the organisation's name count as guessable too):
/// its score must be at least 3. What makes a password weak is said in the user's language.
/// </summary>
public sealed class StrongPasswords(IStringLocalizer<SharedResource> t) : IPasswordValidator<StaffUser>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;
    public const int MinimumScore = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            // Identity's own length rule says this already (with its translated message).
            return Task.FromResult(IdentityResult.Success);
        }

        if (password.Length > MaximumLength)
        {
            return Task.FromResult(Failed("PasswordTooLong", t["Gebruik hoogstens {0} tekens.", MaximumLength]));
        }

        var personal = new[] { user.Email, user.UserName, user.FirstName, "klantcentraal" }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.ToLowerInvariant());
        var result = Zxcvbn.Zxcvbn.MatchPassword(password, personal);
        return Task.FromResult(result.Score >= MinimumScore ? IdentityResult.Success : Failed("PasswordGuessable", Feedback(result.MatchSequence)));
    }

    private string Feedback(IEnumerable<Zxcvbn.Match> matches)
    {
        var why = matches.Select(m => m switch
        {
            DictionaryMatch { DictionaryName: "passwords" } => t["het staat op de lijst van veelgebruikte wachtwoorden"].Value,
            DictionaryMatch { DictionaryName: "user_inputs" } => t["het bevat uw naam, uw e-mailadres of de naam van de organisatie"].Value,
            DictionaryMatch => t["gewone woorden en namen zijn makkelijk te raden"].Value,
            _ when m.Pattern == "spatial" => t["toetsenbordpatronen zoals qwerty zijn makkelijk te raden"].Value,
            _ when m.Pattern == "repeat" => t["herhalingen zoals aaa of abcabc zijn makkelijk te raden"].Value,
            _ when m.Pattern == "sequence" => t["reeksen zoals abc of 1234 zijn makkelijk te raden"].Value,
            _ when m.Pattern is "date" or "year" or "digits" => t["datums, jaartallen en cijferreeksen zijn makkelijk te raden"].Value,
            _ => null,
        }).OfType<string>().Distinct().ToList();
        var reason = why.Count == 0 ? t["het is te kort of te eenvoudig"].Value : string.Join("; ", why);
        return t["Dit wachtwoord is te makkelijk te raden: {0}. Kies een langer wachtwoord, bijvoorbeeld een zin van vier of meer ongewone woorden.", reason];
    }

    private static IdentityResult Failed(string code, string description) =>
        IdentityResult.Failed(new IdentityError { Code = code, Description = description });
}
