namespace KlantCentraal.Web.Payouts;

public static class PayoutServices
{
    /// <summary>Finance's payouts (issue 43): marking refunds paid; the list is the page's own query.</summary>
    public static IServiceCollection AddPayouts(this IServiceCollection services)
    {
        services.AddScoped<RefundPayouts>();
        return services;
    }
}
