namespace KlantCentraal.Web.Security;

/// <summary>
/// A return address that is certainly on this site: one leading '/', no second '/' or '\' after it (which browsers
/// read as another host), no backslashes or control characters anywhere. Stricter than a redirect needs, so a
/// crafted value never reaches the framework's own check (which throws, a 500) and never leaves the site.
/// </summary>
public static class LocalUrls
{
    public static bool IsSafe(string? url) =>
        url is { Length: > 0 and <= 2048 }
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => c == '\\' || char.IsControl(c));
}
