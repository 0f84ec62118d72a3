using KlantCentraal.Web.Api;
using KlantCentraal.Web.Conversations;
using KlantCentraal.Web.Organisation;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Localization;
using KlantCentraal.Web.Security;
using Serilog;

namespace KlantCentraal.Web.Hosting;

/// <summary>The request pipeline and the endpoints, in the order a request meets them.</summary>
public static class Pipeline
{
    public static WebApplication UseKlantCentraal(this WebApplication app)
    {
        // The probe first: load balancers ask it every few seconds on every instance, over plain HTTP, and it needs
        // none of what follows (it shows no page, sets no cookie, logs nothing). Answered here it serves 1.6 times as
        // many probes as behind the whole pipeline (docs/performance.md, session 10).
        app.UseHealthProbes();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        if (Https.Required(app.Configuration, app.Environment))
        {
            app.UseHsts();
            // Plain HTTP is redirected to HTTPS (the Secure cookies would fail there).
            app.UseHttpsRedirection();
        }
        else if (!app.Environment.IsDevelopment())
        {
            app.Logger.LogWarning("{Setting} is on: plain HTTP without redirect, HSTS or Secure cookies. For a first look only; behind a TLS proxy leave it off", Https.PlainHttpSetting);
        }

        // An unexpected failure on the JSON API is a problem+json 500 in every environment: no stack trace, no page.
        app.UseWhen(ApiProblems.IsApiRequest, branch => branch.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ApiProblems.WriteUnhandledProblemAsync }));
        app.UseSecurityHeaders();
        // The JSON API answers every error as application/problem+json; pages get the friendly error page.
        app.UseWhen(ApiProblems.IsApiRequest, branch => branch.UseStatusCodePages(ApiProblems.WriteStatusProblemAsync));
        app.UseWhen(http => !ApiProblems.IsApiRequest(http), branch => branch.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        // The app's own Serilog logger (the middleware would otherwise take the static one, which this app leaves alone).
        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetService<Serilog.ILogger>());
        app.UseClientDisconnects();
        // The browsable API reference (Swagger UI served by the app itself) over the OpenAPI document.
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = SecurityHeaders.ApiReferencePath.TrimStart('/');
            options.SwaggerEndpoint("/openapi/v1.json", "KlantCentraal API v1");
            options.DocumentTitle = "KlantCentraal API";
        });
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseApiKeyFailureLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOutputCache();
        return app;
    }

    public static WebApplication MapKlantCentraal(this WebApplication app)
    {
        // Static files from the build's manifest (issue 30): precompressed (br, gzip), fingerprinted URLs cached a year
        // (immutable), ETags. Short-circuited: a stylesheet needs no session check, rate limit or output cache, so
        // whoever asks gets it (said so for the endpoint test): wwwroot holds only what any visitor may download.
        app.MapStaticAssets().ShortCircuit().AllowAnonymous();
        app.MapRazorPages().WithStaticAssets();
        app.MapOpenApi().AllowAnonymous();
        app.MapApi();
        app.MapAttachments();
        app.MapHub<InboxHub>(InboxHub.Path);
        app.MapBackChannelLogout();
        app.MapClosingDaysFeed();
        app.MapHealthDetails();
        app.MapMetrics();
        // An unknown address is a friendly 404 for everyone, not a staff login prompt.
        app.MapFallback(() => Results.NotFound()).AllowAnonymous();
        app.MapLanguageSwitch();
        return app;
    }
}
