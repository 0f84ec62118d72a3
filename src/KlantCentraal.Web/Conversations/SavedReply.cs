using System.Globalization;

namespace KlantCentraal.Web.Conversations;

/// <summary>
/// An administrator's reply text ("standaardantwoord") in Dutch and English, with placeholders the desk sees
/// filled in before it edits and sends: {voornaam}, {volgcode}, {medewerker}, {statuslink}.
/// </summary>
public sealed class SavedReply
{
    public const int TitleMaxLength = 100;
    public const int TextMaxLength = 4000;

    public static readonly IReadOnlyList<string> Placeholders = ["{voornaam}", "{volgcode}", "{medewerker}", "{statuslink}"];

    public int Id { get; set; }

    public string Title { get; set; } = string.Empty;

    public string TextNl { get; set; } = string.Empty;

    public string TextEn { get; set; } = string.Empty;

    public DateTime UpdatedAt { get; set; }

    /// <summary>The text in the customer's language with the placeholders filled in.</summary>
    public string Fill(CultureInfo culture, string firstName, string trackingCode, string staffFirstName, string statusLink)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var text = culture.TwoLetterISOLanguageName == "en" && !string.IsNullOrWhiteSpace(TextEn) ? TextEn : TextNl;
        return text.Replace("{voornaam}", firstName, StringComparison.OrdinalIgnoreCase)
            .Replace("{volgcode}", trackingCode, StringComparison.OrdinalIgnoreCase)
            .Replace("{medewerker}", staffFirstName, StringComparison.OrdinalIgnoreCase)
            .Replace("{statuslink}", statusLink, StringComparison.OrdinalIgnoreCase);
    }
}
