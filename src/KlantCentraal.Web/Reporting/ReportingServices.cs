using KlantCentraal.Web.Hosting;

namespace KlantCentraal.Web.Reporting;

/// <summary>Reporting's registrations.</summary>
public static class ReportingServices
{
    /// <summary>The dashboard's figures (kept per day in every save's transaction), the reviews, and the managers' weekly and quarterly reports by e-mail (issue 29) on the schedules of <c>Reports:*</c>, checked at start.</summary>
    public static IServiceCollection AddReporting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DailyFigures>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, DailyFiguresInterceptor>();
        services.AddScoped<DashboardQueries>();
        services.AddScoped<PromiseReport>();
        services.AddScoped<ManagementReview>();
        services.AddOptions<ReportOptions>().Bind(configuration.GetSection(ReportOptions.Section))
            .Validate(o => ReportOptions.IsValid(o.WeeklyDigest), "Reports:WeeklyDigest is not a cron expression (five fields, such as \"0 7 * * 1\" for Monday 07:00).")
            .Validate(o => ReportOptions.IsValid(o.QuarterlyReview), "Reports:QuarterlyReview is not a cron expression (five fields, such as \"0 7 1 1,4,7,10 *\").")
            .ValidateOnStart();
        services.AddScoped<ScheduledReports>();
        if (configuration.GetValue("Reports:WorkerEnabled", true))
        {
            services.AddPeriodicWorker<ScheduledReports>("Scheduled reports", _ => TimeSpan.FromMinutes(5), (reports, ct) => reports.RunAsync(ct));
        }

        return services;
    }
}
