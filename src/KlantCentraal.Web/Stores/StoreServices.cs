namespace KlantCentraal.Web.Stores;

/// <summary>Stores' registrations.</summary>
public static class StoreServices
{
    /// <summary>Which stores the signed-in person may use (<see cref="StoreAccess"/>), and the directory with its CSV import.</summary>
    public static IServiceCollection AddStores(this IServiceCollection services)
    {
        services.AddScoped<StoreAccess>();
        services.AddScoped<StoreDirectory>();
        services.AddScoped<StoreCsv>();
        return services;
    }
}
