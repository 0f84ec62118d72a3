namespace KlantCentraal.Web.Complaints;

/// <summary>The desk's registrations.</summary>
public static class ComplaintServices
{
    /// <summary>The desk: record, resolve and correct (<see cref="ComplaintDesk"/>), co-signing, tracking codes and links, and the helpdesk import.</summary>
    public static IServiceCollection AddComplaints(this IServiceCollection services)
    {
        services.AddSingleton<TrackingCodeSource>();
        services.AddSingleton<TrackingTokens>();
        services.AddScoped<ComplaintDesk>();
        services.AddScoped<CoSigning>();
        services.AddScoped<HelpdeskImport>();
        return services;
    }
}
