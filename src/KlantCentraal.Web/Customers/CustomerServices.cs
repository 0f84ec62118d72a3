namespace KlantCentraal.Web.Customers;

/// <summary>The customers' registrations.</summary>
public static class CustomerServices
{
    /// <summary>The managers' trust flags (<see cref="CustomerTrust"/>); the search (<see cref="CustomerSearch"/>) is static over the context.</summary>
    public static IServiceCollection AddCustomers(this IServiceCollection services)
    {
        services.AddScoped<CustomerTrust>();
        return services;
    }
}
