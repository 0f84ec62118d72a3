using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Investigations;
using KlantCentraal.Web.Settings;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KlantCentraal.Web.Data;

/// <summary>
/// The one DbContext, used directly by the application services, the pages' reads and the workers (ADR 0001).
/// Each database provider has its own subclass so that each keeps its own migration set (ADR 0002).
/// </summary>
public abstract class AppDbContext : IdentityDbContext<StaffUser>, IDataProtectionKeyContext
{
    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
        // No savepoint around SaveChanges inside our own transactions: a failed write always abandons the whole
        // transaction, so the two extra statements per save bought nothing, and rolling back to the savepoint with
        // a cancelled request's token logged "An error occurred using a transaction" for a browser that went away.
        Database.AutoSavepointsEnabled = false;
    }

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Complaint> Complaints => Set<Complaint>();

    /// <summary>SQLite only: the trigram index over customers' names, e-mail addresses and phone numbers (ADR 0038).</summary>
    public DbSet<Customers.CustomerSearchRow> CustomerSearchIndex => Set<Customers.CustomerSearchRow>();

    public DbSet<TimelineEvent> TimelineEvents => Set<TimelineEvent>();

    public DbSet<RootCauseInvestigation> Investigations => Set<RootCauseInvestigation>();

    public DbSet<RootCauseQueueItem> RootCauseQueue => Set<RootCauseQueueItem>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<OrganisationSettings> OrganisationSettings => Set<OrganisationSettings>();

    public DbSet<Api.ApiKey> ApiKeys => Set<Api.ApiKey>();

    public DbSet<Reporting.ReportDispatch> ReportDispatches => Set<Reporting.ReportDispatch>();

    public DbSet<Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Webhooks.WebhookEndpoint>();

    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();

    public DbSet<Webhooks.WebhookAttempt> WebhookAttempts => Set<Webhooks.WebhookAttempt>();

    public DbSet<Mail.OutgoingMail> OutgoingMails => Set<Mail.OutgoingMail>();

    public DbSet<ComplaintMessage> Messages => Set<ComplaintMessage>();

    public DbSet<Conversations.MessageAttachment> Attachments => Set<Conversations.MessageAttachment>();

    public DbSet<Conversations.InboundEmail> InboundEmails => Set<Conversations.InboundEmail>();

    public DbSet<Conversations.SavedReply> SavedReplies => Set<Conversations.SavedReply>();

    public DbSet<Store> Stores => Set<Store>();

    public DbSet<Stores.StoreMembership> StoreMemberships => Set<Stores.StoreMembership>();

    public DbSet<Reporting.DailyFigure> DailyFigures => Set<Reporting.DailyFigure>();

    public DbSet<Organisation.ClosingDay> ClosingDays => Set<Organisation.ClosingDay>();

    /// <summary>Store and helpdesk imports with their progress (issue 32, ADR 0036).</summary>
    public DbSet<Imports.ImportJob> ImportJobs => Set<Imports.ImportJob>();

    /// <summary>The checked files of imports that have not ended.</summary>
    public DbSet<Imports.ImportFile> ImportFiles => Set<Imports.ImportFile>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in the database and safe to reorder in code.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        // Every timestamp is UTC; reading one back says so.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>The embedded default: SQLite. Migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

/// <summary>The production provider: SQL Server. Migrations in Data/Migrations/SqlServer.</summary>
public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options);

/// <summary>The server engine the tests run for real: PostgreSQL. Migrations in Data/Migrations/PostgreSql.</summary>
public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options) : AppDbContext(options);
