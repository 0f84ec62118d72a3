using KlantCentraal.Web.Api;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace KlantCentraal.Web.Identity;

public static class StaffIdentityServices
{
    /// <summary>
    /// Who may do what: staff accounts with roles (lockout after five failed sign-ins, length-based passwords),
    /// sessions that end on sign-out, deactivation or a new password, API keys for integrations, the role policies,
    /// and cookies that are HttpOnly, SameSite and Secure outside Development.
    /// </summary>
    public static IServiceCollection AddStaffIdentity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddIdentity<StaffUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                // ASVS 2.1: length, not composition; common and guessable passwords are refused by StrongPasswords.
                options.Password.RequiredLength = StrongPasswords.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<StrongPasswords>();
        // Idle timeout, absolute lifetime, and sign-out (or deactivation, or a new password) ends every session at once.
        services.AddStaffSessions(configuration, secureCookies: Hosting.Https.Required(configuration, environment));
        // Roles changed by an administrator reach a signed-in session within a minute.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        // Integrations authenticate with API keys (Api/ApiKey.cs) on the JSON API only.
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);

        var cookieSecurity = Hosting.Https.Required(configuration, environment) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = CookieNames.Antiforgery;
            options.Cookie.SecurePolicy = cookieSecurity;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.Configure<CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.SecurePolicy = cookieSecurity;
            options.Cookie.SameSite = SameSiteMode.Lax;
        });
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Desk, p => p.RequireRole(Roles.ServiceDesk, Roles.Manager))
            .AddPolicy(Policies.Manager, p => p.RequireRole(Roles.Manager))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Finance, p => p.RequireRole(Roles.Finance))
            .AddPolicy(ApiServices.ReadPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireClaim(ApiKeyAuthentication.ScopeClaim, nameof(ApiScopes.ReadComplaints)))
            .AddPolicy(ApiServices.CreatePolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireClaim(ApiKeyAuthentication.ScopeClaim, nameof(ApiScopes.CreateComplaints)))
            .AddPolicy(ApiServices.MessagePolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireClaim(ApiKeyAuthentication.ScopeClaim, nameof(ApiScopes.AddMessages)));
        services.AddScoped<CurrentStaff>();
        services.AddScoped<StaffAccounts>();
        return services;
    }
}
