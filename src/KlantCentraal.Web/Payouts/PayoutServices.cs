namespace KlantCentraal.Web.Payouts;

public static class PayoutServices
{
    /// <summary>Finance's payouts (issue 43): marking refunds paid, and the one rule for what is owed and late.</summary>
    public static IServiceCollection AddPayouts(this IServiceCollection services)
    {
        services.AddScoped<RefundPayouts>();
        services.AddScoped<OwedRefunds>();
        return services;
    }
}
