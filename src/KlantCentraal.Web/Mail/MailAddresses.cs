using FluentValidation;
using MimeKit;

namespace KlantCentraal.Web.Mail;

/// <summary>
/// What counts as an e-mail address we can write to. FluentValidation's EmailAddress() only asks for an '@'
/// somewhere in the middle, so "x(y@z" passed the form and then made the mailer throw after the complaint was
/// stored. An address is accepted when it follows the domain's rule (<see cref="Domain.ContactRules.IsEmailAddress"/>:
/// a dot-atom at a real host name) and MimeKit reads it back as exactly itself.
/// </summary>
public static class MailAddresses
{
    public static bool IsDeliverable(string? address)
    {
        if (!Domain.ContactRules.IsEmailAddress(address))
        {
            return false;
        }

        var trimmed = address!.Trim();
        return MailboxAddress.TryParse(ParserOptions.Default, trimmed, out var mailbox)
            && string.IsNullOrEmpty(mailbox.Name)
            && string.Equals(mailbox.Address, trimmed, StringComparison.Ordinal);
    }

    /// <summary>A new Message-ID (without angle brackets) in the domain of our sender address, so answers and bounces find their letter.</summary>
    public static string NewMessageId(string fromAddress)
    {
        var at = fromAddress?.LastIndexOf('@') ?? -1;
        var domain = at > 0 && at < fromAddress!.Length - 1 ? fromAddress[(at + 1)..] : "klantcentraal.local";
        return $"{Guid.NewGuid():N}@{domain}";
    }

    /// <summary>Empty passes (whether an address is required is another rule); anything else must be deliverable.</summary>
    public static IRuleBuilderOptions<T, string?> DeliverableEmailAddress<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(address => string.IsNullOrWhiteSpace(address) || IsDeliverable(address));
}
