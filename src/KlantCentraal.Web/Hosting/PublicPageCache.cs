using System.Globalization;

namespace KlantCentraal.Web.Hosting;

/// <summary>
/// The public pages that every anonymous visitor gets alike — the home page and the lookup form — are rendered once
/// per language and then served from memory (ADR 0024). The framework's default policy, which this one extends, never
/// caches for a signed-in user (staff see their own menu) nor an answer that sets a cookie; this one adds: never an
/// address with a query string (the language switch links back to the address it was shown on). A saved setting
/// (the organisation's name, phone, hours) empties it: <see cref="Settings.SettingsStore"/> evicts <see cref="Tag"/>
/// on every refresh, so each instance shows a change within the same 30 seconds as before.
/// </summary>
public static class PublicPageCache
{
    public const string Policy = "PublicPage";
    public const string Tag = "public-pages";

    public static IServiceCollection AddPublicPageCache(this IServiceCollection services) =>
        services.AddOutputCache(options =>
        {
            options.SizeLimit = 4 * 1024 * 1024; // two pages in two languages need ~40 KB; odd keys cannot grow it
            options.AddPolicy(Policy, policy => policy
                .With(c => !c.HttpContext.Request.QueryString.HasValue)
                .VaryByValue(_ => new KeyValuePair<string, string>("culture", $"{CultureInfo.CurrentCulture.Name}|{CultureInfo.CurrentUICulture.Name}"))
                .Tag(Tag));
            options.AddPolicy(Organisation.ClosingDaysFeed.Policy, policy => policy
                .Expire(TimeSpan.FromMinutes(1))
                .Tag(Organisation.ClosingDaysFeed.Tag));
        });
}
