namespace KlantCentraal.Web.Security;

/// <summary>The names of the app's own cookies, for configuration and for code that reads them.</summary>
public static class CookieNames
{
    public const string Auth = "KlantCentraal.Auth";

    /// <summary>HttpOnly, SameSite=Strict and required on every POST: a secret of the browser.</summary>
    public const string Antiforgery = "KlantCentraal.Antiforgery";

    /// <summary>The store a desk employee works for on this browser; checked against their memberships on every use.</summary>
    public const string DeskStore = "KlantCentraal.Store";
}
