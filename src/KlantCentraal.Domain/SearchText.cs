using System.Globalization;
using System.Text;

namespace KlantCentraal.Domain;

/// <summary>
/// Text as search compares it: lower case, without accents, single spaces ("Özlem  Çelik" → "ozlem celik"). Stored
/// next to what people type (<see cref="Customer.SearchName"/>), so every database finds "ozlem celik" the same way
/// — SQLite's LIKE folds only a–z, and no index can help a contains-search anyway.
/// </summary>
public static class SearchText
{
    /// <summary>A LIKE pattern that finds <paramref name="term"/> anywhere in a folded column: "%ozlem celik%" (wildcards typed by the user are dropped).</summary>
    public static string ContainsPattern(string? term) => LikePattern(Fold(term));

    /// <summary>A LIKE pattern that finds <paramref name="term"/> as typed (trimmed) anywhere in a column; wildcards typed by the user are dropped.</summary>
    public static string LikePattern(string? term) =>
        "%" + (term ?? string.Empty).Trim().Replace("%", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal) + "%";

    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var folded = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = folded.Length > 0;
                continue;
            }

            if (space)
            {
                folded.Append(' ');
                space = false;
            }

            folded.Append(c switch
            {
                'ß' => "ss",
                'æ' or 'Æ' => "ae",
                'ø' or 'Ø' => "o",
                'ł' or 'Ł' => "l",
                'đ' or 'Đ' => "d",
                'ı' => "i",
                _ => char.ToLowerInvariant(c).ToString(),
            });
        }

        return folded.ToString();
    }
}
