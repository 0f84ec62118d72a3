namespace KlantCentraal.Web;

/// <summary>
/// Marker for the shared texts. Screens are written in Dutch; the Dutch text is the key, and
/// Resources/SharedResource.en.resx holds the English translation of each key.
/// </summary>
public sealed class SharedResource;
