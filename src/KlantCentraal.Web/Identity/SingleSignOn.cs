using System.Security.Claims;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Stores;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace KlantCentraal.Web.Identity;

/// <summary>
/// Single sign-on for staff with the organisation's own OpenID provider (Entra ID, Google Workspace, Okta, Keycloak).
/// Configuration: <c>Authentication:Oidc:*</c>; an empty <see cref="Authority"/> switches it off (ADR 0026).
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Authentication:Oidc";

    /// <summary>The authentication scheme; its callbacks are the handler's defaults, /signin-oidc and /signout-callback-oidc.</summary>
    public const string Scheme = "oidc";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The button's text, e.g. "Inloggen met Microsoft".</summary>
    public string DisplayName { get; set; } = "Inloggen met uw organisatieaccount";

    /// <summary>The claim that carries the person's roles at the provider.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Which claim values give which role (several values separated by commas).</summary>
    public RoleValues Roles { get; set; } = new();

    /// <summary>Optional: a claim carrying the store codes the person works for ("*": every store).</summary>
    public string? StoreClaim { get; set; }

    /// <summary>Whether the e-mail + password form stays next to the provider's button.</summary>
    public bool LocalPasswords { get; set; } = true;

    /// <summary>Only a test's provider on plain loopback HTTP sets this to false.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>
    /// The person at the provider, as the staff member's external login stores it: the issuer and the subject (the
    /// subject alone is unique only within one issuer; the e-mail address is never the person).
    /// </summary>
    public static string LoginKey(string issuer, string subject) => $"{issuer}#{subject}";

    public sealed class RoleValues
    {
        public string? ServiceDesk { get; set; }

        public string? Manager { get; set; }

        public string? Admin { get; set; }

        public string? Finance { get; set; }
    }

    /// <summary>The roles the provider's claim values map to.</summary>
    public IReadOnlyList<string> RolesFor(IEnumerable<string> values)
    {
        var given = values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new[] { (Identity.Roles.ServiceDesk, Roles.ServiceDesk), (Identity.Roles.Manager, Roles.Manager), (Identity.Roles.Admin, Roles.Admin), (Identity.Roles.Finance, Roles.Finance) }
            .Where(r => (r.Item2 ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(given.Contains))
            .Select(r => r.Item1)
            .ToList();
    }
}

public static class SingleSignOn
{
    /// <summary>
    /// The provider as a second way in: the authorization code flow with PKCE, answered by query (so the callback
    /// needs no cross-site cookie), signed in first to Identity's external cookie; the sign-in page then makes or
    /// updates the staff member (<see cref="StaffProvisioning"/>) and signs them in with the usual staff session.
    /// </summary>
    public static IServiceCollection AddSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        var oidc = configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        services.Configure<OidcOptions>(configuration.GetSection(OidcOptions.Section));
        services.AddScoped<StaffProvisioning>();
        if (!oidc.Enabled)
        {
            return services;
        }

        services.AddAuthentication().AddOpenIdConnect(OidcOptions.Scheme, oidc.DisplayName, options =>
        {
            options.Authority = oidc.Authority;
            options.ClientId = oidc.ClientId;
            options.ClientSecret = oidc.ClientSecret;
            options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.UsePkce = true;
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.SaveTokens = true;
            options.MapInboundClaims = false;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("profile");
            options.Scope.Add("email");

            options.TokenValidationParameters.NameClaimType = "name";
            options.TokenValidationParameters.RoleClaimType = oidc.RoleClaim;
            // The answer comes back as a top-level GET: Lax cookies reach it, on HTTP in a test as on HTTPS.
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Events.OnRemoteFailure = context =>
            {
                // A forged or replayed callback (state, nonce, correlation), a refusal at the provider, an unreachable
                // token endpoint: never an exception page, the sign-in page with a plain message.
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SingleSignOn))
                    .LogWarning("Single sign-on failed: {Error}", context.Failure?.Message);
                context.Response.Redirect("/Account/Login?sso=failed");
                context.HandleResponse();
                return Task.CompletedTask;
            };
            options.Events.OnRedirectToIdentityProviderForSignOut = context =>
            {
                if (context.Properties.Items.TryGetValue(IdTokenHint, out var hint) && hint is not null)
                {
                    context.ProtocolMessage.IdTokenHint = hint;
                }

                return Task.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>The item of the sign-out's properties that carries the id_token the provider asks for.</summary>
    public const string IdTokenHint = "id_token_hint";

    /// <summary>
    /// The "test now" of /Admin/Connections: asks the provider for its discovery document over the handler's own
    /// back channel (the way a sign-in does) and checks that it names an issuer and an authorization endpoint.
    /// </summary>
    public static async Task<Hosting.ConnectionCheck> TestAsync(Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Backchannel is null || string.IsNullOrWhiteSpace(options.MetadataAddress))
        {
            return new(Hosting.ConnectionProblem.NotConfigured);
        }

        try
        {
            using var response = await options.Backchannel.GetAsync(options.MetadataAddress, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new(Hosting.ConnectionProblem.Refused, $"{options.MetadataAddress}: HTTP {(int)response.StatusCode}");
            }

            using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return json.RootElement.TryGetProperty("issuer", out var issuer) && json.RootElement.TryGetProperty("authorization_endpoint", out _)
                ? Hosting.ConnectionCheck.Worked(issuer.GetString())
                : new(Hosting.ConnectionProblem.Refused, $"{options.MetadataAddress}: no issuer or authorization_endpoint");
        }
        catch (Exception ex) when (Hosting.ConnectionCheck.IsConnectionFailure(ex) || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return Hosting.ConnectionCheck.Of(ex is TaskCanceledException ? new TimeoutException(ex.Message, ex) : ex);
        }
    }
}

/// <summary>What a sign-in at the provider comes to.</summary>
public enum ProvisioningResult
{
    SignedIn,
    NoAccess,
    Deactivated,
    NoEmail,

    /// <summary>An account here has this e-mail address, and no administrator said it may be linked (or the provider does not vouch for the address).</summary>
    NotLinked,

    /// <summary>The account is linked to another organisation account already.</summary>
    AlreadyLinked,
}

/// <summary>
/// Makes or brings up to date the staff member a provider vouches for (ADR 0026). The person is the provider's
/// (issuer, subject), never the e-mail address alone: the first sign-in creates an account (e-mail, first name
/// customers see, mapped roles, the stores of the store claim — none without one); an account that exists here is
/// linked only when an administrator allowed it and the provider says the address is verified; a second subject for a
/// linked account is refused. Later sign-ins bring the name, the stores of the claim and — for accounts the sign-in
/// made — the roles up to date; an administrator's account never loses a role by it. Someone without a mapped role
/// gets nothing; a deactivated account stays shut. Every refusal is in the audit log.
/// </summary>
public sealed class StaffProvisioning(
    UserManager<StaffUser> users,
    StoreDirectory stores,
    AppDbContext db,
    AuditLog audit,
    Microsoft.Extensions.Options.IOptions<OidcOptions> options,
    ILogger<StaffProvisioning> logger)
{
    public async Task<(ProvisioningResult Result, StaffUser? User)> ProvisionAsync(ClaimsPrincipal external, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(external);
        var oidc = options.Value;
        var subjectClaim = external.FindFirst("sub");
        var email = external.FindFirstValue("email")?.Trim();
        var verified = external.FindFirstValue("email_verified");
        // Only the provider's explicit "true" vouches for the address; Entra ID never sends the claim ("nOAuth").
        var vouched = string.Equals(verified, "true", StringComparison.OrdinalIgnoreCase);
        if (subjectClaim is null || string.IsNullOrWhiteSpace(email) || email.Length > 254 || !email.Contains('@', StringComparison.Ordinal)
            || string.Equals(verified, "false", StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("Single sign-on refused: the provider's token has no verified e-mail address");
            return (ProvisioningResult.NoEmail, null);
        }

        var key = OidcOptions.LoginKey(external.FindFirstValue("iss") ?? subjectClaim.Issuer, subjectClaim.Value);
        var user = await users.FindByLoginAsync(OidcOptions.Scheme, key);
        if (user is null && await users.FindByLoginAsync(OidcOptions.Scheme, subjectClaim.Value) is { } legacy)
        {
            // A link made before issue 41 holds the subject alone (one configured provider): it becomes issuer#subject.
            Check(await users.RemoveLoginAsync(legacy, OidcOptions.Scheme, subjectClaim.Value));
            Check(await users.AddLoginAsync(legacy, new UserLoginInfo(OidcOptions.Scheme, key, oidc.DisplayName)));
            user = legacy;
        }

        var linking = false;
        if (user is null && await users.FindByEmailAsync(email) is { } existing)
        {
            var refusal = (await users.GetLoginsAsync(existing)).Any(l => l.LoginProvider == OidcOptions.Scheme) ? ProvisioningResult.AlreadyLinked
                : !existing.ProviderLinkAllowed || !vouched ? ProvisioningResult.NotLinked
                : (ProvisioningResult?)null;
            if (refusal is { } refused)
            {
                var why = refused == ProvisioningResult.AlreadyLinked ? "AlreadyLinked" : !existing.ProviderLinkAllowed ? "NotAllowed" : "NotVerified";
                logger.LogWarning("Single sign-on refused for {Subject}: an account here has that e-mail address ({Refusal})", subjectClaim.Value, refused);
                await audit.RecordNowAsync(AuditAction.StaffSignInRefused, nameof(StaffUser), existing.Id, AuditNote.SignInRefused, cancellationToken, email, oidc.DisplayName, why);
                return (refused, null);
            }

            user = existing;
            linking = true;
        }

        if (user is { IsActive: false })
        {
            logger.LogWarning("Single sign-on refused for deactivated staff member {UserId}", user.Id);
            return (ProvisioningResult.Deactivated, null);
        }

        var roles = oidc.RolesFor(external.FindAll(oidc.RoleClaim).Select(c => c.Value));
        if (roles.Count == 0)
        {
            logger.LogWarning("Single sign-on refused for {Subject}: no mapped role", subjectClaim.Value);
            return (ProvisioningResult.NoAccess, null);
        }

        var firstName = FirstName(external, email);
        if (user is null)
        {
            // A new employee works for no store until the store claim or an administrator says which ("*": every store).
            user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, FirstName = firstName, ProvisionedBySignIn = true, AllStores = false };
            Check(await users.CreateAsync(user));
            audit.Record(AuditAction.StaffCreated, nameof(StaffUser), user.Id, AuditNote.CreatedBySignIn, email);
        }
        else
        {
            // The provider's new address follows an account it made, unless another account here has it.
            var newAddress = user.ProvisionedBySignIn && user.Email != email && await users.FindByEmailAsync(email) is null;
            if (newAddress)
            {
                Check(await users.SetEmailAsync(user, email));
                Check(await users.SetUserNameAsync(user, email));
                user.EmailConfirmed = true;
            }

            if (newAddress || user.FirstName != firstName)
            {
                user.FirstName = firstName;
                Check(await users.UpdateAsync(user));
            }
        }

        if (linking)
        {
            user.ProviderLinkAllowed = false;
            Check(await users.UpdateAsync(user));
            Check(await users.AddLoginAsync(user, new UserLoginInfo(OidcOptions.Scheme, key, oidc.DisplayName)));
            audit.Record(AuditAction.StaffLinkedToProvider, nameof(StaffUser), user.Id, AuditNote.LinkedToProvider, email, oidc.DisplayName);
        }
        else if ((await users.GetLoginsAsync(user)).All(l => l.LoginProvider != OidcOptions.Scheme))
        {
            Check(await users.AddLoginAsync(user, new UserLoginInfo(OidcOptions.Scheme, key, oidc.DisplayName)));
        }

        var current = await users.GetRolesAsync(user);
        var removed = user.ProvisionedBySignIn ? current.Except(roles).ToList() : [];
        if (removed.Count > 0)
        {
            Check(await users.RemoveFromRolesAsync(user, removed));
        }

        if (roles.Except(current).ToList() is { Count: > 0 } added)
        {
            Check(await users.AddToRolesAsync(user, added));
        }

        if (!string.IsNullOrWhiteSpace(oidc.StoreClaim) && external.FindAll(oidc.StoreClaim).ToList() is { Count: > 0 } storeClaims)
        {
            var codes = storeClaims.SelectMany(c => c.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var all = codes.Contains("*");
            var normalised = codes.Select(Domain.Store.NormaliseCode).ToList();
            var ids = await db.Stores.Where(s => normalised.Contains(s.Code)).Select(s => s.Id).ToListAsync(cancellationToken);
            await stores.SetStaffStoresAsync(user.Id, all, ids, cancellationToken);
        }

        audit.Record(AuditAction.StaffSignedIn, nameof(StaffUser), user.Id, AuditNote.SignedInThroughProvider, email, oidc.DisplayName);
        await db.SaveChangesAsync(cancellationToken);
        return (ProvisioningResult.SignedIn, user);
    }

    private static string FirstName(ClaimsPrincipal external, string email)
    {
        var given = external.FindFirstValue("given_name")?.Trim();
        var name = external.FindFirstValue("name")?.Trim();
        var first = !string.IsNullOrEmpty(given) ? given : !string.IsNullOrEmpty(name) ? name.Split(' ')[0] : email.Split('@')[0];
        return first.Length > 50 ? first[..50] : first;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Identity refused the provider's account: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}

/// <summary>
/// OpenID Connect back-channel logout: the provider tells us, server to server, that a person's session ended there
/// (signed out, disabled, left the organisation). The logout token is checked as the specification says — the
/// provider's signature, issuer, our client as audience, the back-channel event, no nonce, a subject — and then every
/// session of that staff member ends at once (security stamp, live connections), as a sign-out here would.
/// </summary>
public static class BackChannelLogout
{
    public const string Path = "/signout-backchannel";

    private const string LogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    private static readonly Lock SeenLock = new();

    /// <summary>How old a logout token may be (its <c>iat</c>, either way); its id is remembered twice as long.</summary>
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The <c>events</c> claim, parsed as the specification says: a JSON object with a member named the back-channel
    /// logout event whose value is a JSON object — not a text that merely contains the event's name.
    /// </summary>
    public static bool IsLogoutEvent(string? events)
    {
        if (string.IsNullOrEmpty(events))
        {
            return false;
        }

        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(events);
            return json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && json.RootElement.TryGetProperty(LogoutEvent, out var logout)
                && logout.ValueKind == System.Text.Json.JsonValueKind.Object;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    public static IEndpointRouteBuilder MapBackChannelLogout(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription().RequireRateLimiting(Security.RateLimits.BackChannelLogout);
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        Microsoft.Extensions.Options.IOptions<OidcOptions> oidc,
        Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions> handler,
        UserManager<StaffUser> users,
        Conversations.LiveConnections live,
        AuditLog audit,
        TimeProvider time,
        Microsoft.Extensions.Caching.Memory.IMemoryCache seen,
        ILogger<StaffProvisioning> logger,
        CancellationToken cancellationToken)
    {
        if (!oidc.Value.Enabled)
        {
            return Results.NotFound();
        }

        var token = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(cancellationToken))["logout_token"].ToString() : string.Empty;
        if (string.IsNullOrEmpty(token) || token.Length > 16_384)
        {
            return Results.BadRequest(new { error = "invalid_request", error_description = "logout_token is missing" });
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await handler.Get(OidcOptions.Scheme).ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException)
        {
            logger.LogWarning("A back-channel logout could not be checked: the provider's keys cannot be read ({Error})", ex.Message);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var result = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(token, new Microsoft.IdentityModel.Tokens.TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = oidc.Value.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            RequireExpirationTime = false,
            ValidateLifetime = false,
        });
        var claims = result.ClaimsIdentity;
        var issuedAt = claims?.FindFirst("iat")?.Value is { } iat && long.TryParse(iat, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        var subject = claims?.FindFirst("sub")?.Value;
        var tokenId = claims?.FindFirst("jti")?.Value;
        if (!result.IsValid || claims is null
            || !IsLogoutEvent(claims.FindFirst("events")?.Value)
            || claims.FindFirst("nonce") is not null
            || subject is null
            || string.IsNullOrEmpty(tokenId) || tokenId.Length > 256
            || issuedAt is not { } at || (time.GetUtcNow() - at).Duration() > MaxAge)
        {
            logger.LogWarning("A back-channel logout token was refused: {Error}", result.Exception?.Message ?? "not a logout token");
            return Results.BadRequest(new { error = "invalid_request", error_description = "not a valid logout token" });
        }

        // A logout token counts once (issue 41/10): its id is remembered for as long as the token could be accepted.
        var key = $"logout-jti:{configuration.Issuer}#{tokenId}";
        lock (SeenLock)
        {
            if (seen.TryGetValue(key, out _))
            {
                logger.LogWarning("A back-channel logout token was refused: replayed");
                return Results.BadRequest(new { error = "invalid_request", error_description = "the logout token was used before" });
            }

            Microsoft.Extensions.Caching.Memory.CacheExtensions.Set(seen, key, true, MaxAge + MaxAge);
        }

        if (await users.FindByLoginAsync(OidcOptions.Scheme, OidcOptions.LoginKey(configuration.Issuer, subject)) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            await live.EndAsync(user.Id);
            await audit.RecordNowAsync(AuditAction.StaffSignedOut, nameof(StaffUser), user.Id, AuditNote.SignedOutByProvider, cancellationToken, user.Email, oidc.Value.DisplayName);
            logger.LogInformation("Staff member {UserId} signed out by the provider (back-channel)", user.Id);
        }

        return Results.Ok();
    }
}
