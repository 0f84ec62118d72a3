using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using FluentValidation;
using FluentValidation.AspNetCore;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Hosting;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Security;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;

namespace KlantCentraal.Web.Localization;

public static class ScreenServices
{
    /// <summary>
    /// The screens: Razor Pages with their folders' policies, Dutch first and English on request (cookie or
    /// ?culture=en-GB), translated model-binding messages, the form validators and <see cref="Formats"/>.
    /// </summary>
    public static IServiceCollection AddScreens(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            CultureInfo[] cultures = [new("nl-NL"), new("en-GB")];
            options.DefaultRequestCulture = new RequestCulture("nl-NL");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // The app offers two pairs, nl-NL/nl-NL and en-GB/en-GB: a cookie or query that mixes them (c=en-GB|uic=nl-NL)
            // gets the pair of its screen language, so no request renders a mix the public page cache could keep.
            // The JSON API has no cookie: an integration asks for its language with Accept-Language (Dutch when it does not).
            options.RequestCultureProviders =
            [
                new OfferedPair(new QueryStringRequestCultureProvider()),
                new OfferedPair(new CookieRequestCultureProvider()),
                new OfferedPair(new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 }) { ApiOnly = true },
            ];
        });
        // A page reads through a small query of its own (issue 42): a class named Query inside its page model, one per request.
        foreach (var query in typeof(ScreenServices).Assembly.GetTypes().Where(t => t is { Name: "Query", IsNested: true, IsClass: true } && typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel).IsAssignableFrom(t.DeclaringType)))
        {
            services.AddScoped(query);
        }

        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Desk", Policies.Desk);
                options.Conventions.AuthorizeFolder("/Manager", Policies.Manager);
                options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
                options.Conventions.AuthorizeFolder("/Finance", Policies.Finance);
                options.Conventions.AllowAnonymousToPage("/Index");
                options.Conventions.AllowAnonymousToFolder("/Track");
                options.Conventions.AllowAnonymousToFolder("/Complain");
                options.Conventions.AllowAnonymousToPage("/Error");
                options.Conventions.AllowAnonymousToPage("/Account/Login");
                options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                options.Conventions.AllowAnonymousToPage("/Account/NoAccess");
                options.Conventions.AllowAnonymousToPage("/Account/SetPassword");
            })
            .AddMvcOptions(options => options.Filters.Add<DatabaseTroubleFilter>())
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options => options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddOptions<MvcOptions>().Configure<IStringLocalizer<SharedResource>>((options, t) =>
        {
            var messages = options.ModelBindingMessageProvider;
            // Read per message, so each request gets its own language.
            string Unknown() => t["Deze waarde kennen we niet: kies een van de mogelijkheden of vul het veld opnieuw in."];
            string Missing() => t["Vul dit veld in."];
            string Number() => t["Vul een getal in."];
            messages.SetValueIsInvalidAccessor(_ => Unknown());
            messages.SetAttemptedValueIsInvalidAccessor((_, _) => Unknown());
            messages.SetValueMustNotBeNullAccessor(_ => Missing());
            messages.SetMissingBindRequiredValueAccessor(_ => Missing());
            messages.SetUnknownValueIsInvalidAccessor(_ => Unknown());
            messages.SetValueMustBeANumberAccessor(_ => Number());
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => Unknown());
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(Unknown);
            messages.SetNonPropertyValueMustBeANumberAccessor(Number);
        });
        // Server-side validation is explicit in each handler (ValidateAsync into ModelState); the package adds only
        // the client-side data-val attributes.
        services.AddFluentValidationClientsideAdapters();
        // Validators are stateless (they read the clock and the culture when they run): one instance each.
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
        services.AddScoped<Formats>();
        services.AddPublicPageCache();
        // Dutch and customers' names are written as they are (ë, €, emoji), not as &#x...; entities; Razor still escapes markup.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }

    /// <summary>The language switch: a year-long cookie, then back to the page (a local address only).</summary>
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
            {
                var chosen = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en-GB" : "nl-NL";
                http.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
                return Results.LocalRedirect(LocalUrls.IsSafe(returnUrl) ? returnUrl! : "/");
            })
            .AllowAnonymous()
            .ExcludeFromDescription(); // a page's link, not part of the API

        return app;
    }
}

/// <summary>Reads the language from <paramref name="inner"/> and uses its screen language for formatting too.</summary>
internal sealed class OfferedPair(RequestCultureProvider inner) : RequestCultureProvider
{
    /// <summary>Asked only for the JSON API's requests.</summary>
    public bool ApiOnly { get; init; }

    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (ApiOnly && !Api.ApiProblems.IsApiRequest(httpContext))
        {
            return null;
        }

        var result = await inner.DetermineProviderCultureResult(httpContext);
        var language = result?.UICultures.FirstOrDefault() ?? result?.Cultures.FirstOrDefault();
        return language is { } chosen && chosen.HasValue ? new ProviderCultureResult(chosen) : null;
    }
}
