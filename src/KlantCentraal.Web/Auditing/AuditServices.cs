namespace KlantCentraal.Web.Auditing;

/// <summary>The audit log's registrations.</summary>
public static class AuditServices
{
    /// <summary>The audit log, which names the signed-in person of the request it is written in.</summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        return services;
    }
}
