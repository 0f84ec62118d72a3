using System.Globalization;

namespace KlantCentraal.Domain;

/// <summary>
/// What a name and an e-mail address must look like, in one place for the forms, the API and the entity.
/// A name needs a visible letter and no control or bidi-override characters (which could make a name look like
/// another on screen); an e-mail address is a plain dot-atom at a real host name — no quoted local parts, no IP
/// literals, no labels that start or end with a hyphen.
/// </summary>
public static class ContactRules
{
    public static bool IsAcceptableName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        var hasLetter = false;
        foreach (var c in name)
        {
            if (char.IsControl(c) || IsBidiControl(c) || c == '\uFEFF')
            {
                return false;
            }

            hasLetter |= char.IsLetter(c);
        }

        return hasLetter;
    }

    public static bool IsEmailAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return false;
        }

        var trimmed = address.Trim();
        var at = trimmed.LastIndexOf('@');
        if (trimmed.Length > Customer.EmailMaxLength || at <= 0 || at > 64 || at == trimmed.Length - 1)
        {
            return false;
        }

        return IsDotAtom(trimmed[..at]) && IsHostName(trimmed[(at + 1)..]);
    }

    private static bool IsDotAtom(string local) =>
        !local.StartsWith('.') && !local.EndsWith('.') && !local.Contains("..", StringComparison.Ordinal)
        && local.All(c => char.IsLetterOrDigit(c) || c == '.' || "!#$%&'*+/=?^_`{|}~-".Contains(c, StringComparison.Ordinal));

    private static bool IsHostName(string domain)
    {
        var labels = domain.Split('.');
        if (labels.Length < 2 || domain.Length > 253)
        {
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-') || !label.All(c => char.IsLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        var top = labels[^1];
        return top.Length >= 2 && (top.All(char.IsLetter) || top.StartsWith("xn--", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
