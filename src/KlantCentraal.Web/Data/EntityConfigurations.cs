using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Identity;
using KlantCentraal.Web.Investigations;
using KlantCentraal.Web.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KlantCentraal.Web.Data;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Customer.NameMaxLength).IsRequired();
        builder.Property(c => c.SearchName).HasMaxLength(Customer.NameMaxLength * 2);
        builder.Property(c => c.Email).HasMaxLength(Customer.EmailMaxLength);
        builder.Property(c => c.Phone).HasMaxLength(Customer.PhoneMaxLength);
        builder.Property(c => c.Postcode).HasMaxLength(Customer.PostcodeMaxLength);
        builder.Property(c => c.TrustFlagReason).HasMaxLength(Customer.TrustFlagReasonMaxLength);
        builder.Property(c => c.TrustFlaggedByName).HasMaxLength(100);
        builder.Ignore(c => c.HasTrustFlag);
        builder.HasMany(c => c.History).WithOne().HasForeignKey(h => h.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(c => c.CustomerNumber);
        builder.HasIndex(c => c.Email);
        builder.HasIndex(c => c.Phone);
        builder.HasIndex(c => c.Postcode);
        builder.HasIndex(c => c.Name);
    }
}

/// <summary>
/// SQLite's FTS5 trigram table over customers (ADR 0038): made and kept by the migration's SQL and triggers, so no
/// migration of EF's own creates or changes it; its implicit <c>rowid</c> is the customer's id.
/// </summary>
internal sealed class CustomerSearchRowConfiguration : IEntityTypeConfiguration<Customers.CustomerSearchRow>
{
    public void Configure(EntityTypeBuilder<Customers.CustomerSearchRow> builder)
    {
        builder.ToTable("CustomerSearch", t => t.ExcludeFromMigrations());
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("rowid").ValueGeneratedNever();
    }
}

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> builder)
    {
        // The value object in the model, its nine symbols in the column.
        builder.Property(c => c.TrackingCode).HasMaxLength(TrackingCode.Length).IsRequired()
            .HasConversion(code => code.Value, value => TrackingCode.Parse(value));
        builder.HasIndex(c => c.TrackingCode).IsUnique();
        // A submission id is unique per client (desk user, API key, browser): a replay from anyone else never finds it.
        builder.Property(c => c.SubmittedBy).HasMaxLength(Complaint.SubmittedByMaxLength);
        builder.HasIndex(c => new { c.SubmissionId, c.SubmittedBy }).IsUnique();
        builder.HasIndex(c => c.ReceivedAt);
        // IX_Complaints_Dashboard, covering every column the dashboard aggregates (including the resolution's,
        // which EF cannot index as part of a complex type), is created by raw SQL in the Baseline migrations.
        builder.HasIndex(c => c.ProductKey);
        // The desk's "same complaint just now?" check asks for a customer's complaints about one product. With only
        // the single-column indexes SQLite chose ProductKey and read every complaint about a popular product on every
        // desk write; this index (which also serves every lookup by customer) makes it read the customer's few.
        builder.HasIndex(c => new { c.CustomerId, c.ProductKey });
        builder.Property(c => c.ProductName).HasMaxLength(Complaint.ProductNameMaxLength).IsRequired();
        builder.Property(c => c.ArticleNumber).HasMaxLength(Complaint.ArticleNumberMaxLength);
        builder.Property(c => c.ProductKey).HasMaxLength(Complaint.ProductNameMaxLength + 8).IsRequired();
        builder.Property(c => c.PurchasePlace).HasMaxLength(Complaint.PurchasePlaceMaxLength);
        builder.Property(c => c.Description).HasMaxLength(Complaint.DescriptionMaxLength).IsRequired();
        builder.Property(c => c.RecordedById).HasMaxLength(450);
        builder.Property(c => c.RecordedByName).HasMaxLength(100).IsRequired();
        builder.HasOne(c => c.Customer).WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Investigation).WithMany(i => i.Complaints).HasForeignKey(c => c.InvestigationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Timeline).WithOne().HasForeignKey(e => e.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Timeline).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(c => c.Messages).WithOne().HasForeignKey(m => m.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Messages).UsePropertyAccessMode(PropertyAccessMode.Field);
        // The desk inbox: what waits on us, oldest first.
        builder.HasIndex(c => new { c.Conversation, c.WaitingSince });
        builder.Property(c => c.ExtensionReason).HasMaxLength(Complaint.ExtensionReasonMaxLength);
        builder.Ignore(c => c.LatestExtension);
        // A ticket from another helpdesk is imported once per source; importing it again finds it here.
        builder.Property(c => c.ExternalSource).HasMaxLength(Complaint.ExternalSourceMaxLength);
        builder.Property(c => c.ExternalId).HasMaxLength(Complaint.ExternalIdMaxLength);
        builder.HasIndex(c => new { c.ExternalSource, c.ExternalId }).IsUnique().HasFilter("\"ExternalSource\" IS NOT NULL");
        // Promises (issue 28): the dashboard's overdue list (still unanswered, promised before today) and its
        // on-time share per store and regime (promises due in the period), each read from one index. The overdue count
        // reads only the index (the paused clock included): 100,000 unanswered complaints at ten million (issue 32).
        builder.HasIndex(c => new { c.Status, c.RespondBy, c.ClockPausedSince }).HasDatabaseName("IX_Complaints_Overdue");
        builder.HasIndex(c => new { c.RespondBy, c.StoreId, c.Regime, c.PromiseKept }).HasDatabaseName("IX_Complaints_PromisesKept");
        // A plain column, no foreign key: adding one would rebuild the Complaints table in SQLite. The store's
        // covering indexes (dashboard per store, budget per month) are created by raw SQL in the Baseline migrations.
        builder.HasIndex(c => new { c.StoreId, c.ReceivedAt });
        // The dashboard's repeat customers (Reporting.DailyFigures, ADRs 0022 and 0039): not part of the domain, kept by
        // SQL; the roll-up counts their pairs of days, so no index reads them by period any more.
        builder.Property<DateTime?>(Reporting.DailyFigures.PreviousOfCustomerAt);
        builder.Property<DateTime?>(Reporting.DailyFigures.NextOfCustomerAt);
        builder.Ignore(c => c.TrackingCodeDisplay);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.FeedbackRemark).HasMaxLength(Complaint.FeedbackRemarkMaxLength);
        // A complex type (a value object stored in the Complaints row): unlike an owned type it can be
        // grouped and aggregated in SQL, which the dashboard needs.
        builder.ComplexProperty(c => c.Resolution, r =>
        {
            r.Property(x => x.Type).HasColumnName("ResolutionType");
            r.Property(x => x.AmountCents).HasColumnName("ResolutionAmountCents");
            r.Property(x => x.RefundMethod).HasColumnName("ResolutionRefundMethod");
            r.Property(x => x.Note).HasColumnName("ResolutionNote").HasMaxLength(Resolution.NoteMaxLength);
            r.Property(x => x.GrantedAt).HasColumnName("ResolvedAt");
            r.Property(x => x.GrantedById).HasColumnName("ResolvedById").HasMaxLength(450);
            r.Property(x => x.GrantedByName).HasColumnName("ResolvedByName").HasMaxLength(100);
            r.Property(x => x.CoSignedById).HasColumnName("CoSignedById").HasMaxLength(450);
            r.Property(x => x.CoSignedByName).HasColumnName("CoSignedByName").HasMaxLength(100);
            r.Property(x => x.SecondCoSignedById).HasColumnName("SecondCoSignedById").HasMaxLength(450);
            r.Property(x => x.SecondCoSignedByName).HasColumnName("SecondCoSignedByName").HasMaxLength(100);
            r.Property(x => x.CoSignReasons).HasColumnName("CoSignReasons").HasMaxLength(64);
            r.Property(x => x.GrantedAtStoreId).HasColumnName("GrantedAtStoreId");
            r.Property(x => x.PaidOn).HasColumnName("RefundPaidOn");
            r.Property(x => x.PaidByName).HasColumnName("RefundPaidByName").HasMaxLength(100);
            r.Property(x => x.PaymentReference).HasColumnName("RefundPaymentReference").HasMaxLength(Resolution.PaymentReferenceMaxLength);
            r.Ignore(x => x.Amount);
            r.Ignore(x => x.IsPaidOutLater);
            r.Ignore(x => x.IsOwed);
        });
    }
}

internal sealed class CustomerHistoryEntryConfiguration : IEntityTypeConfiguration<CustomerHistoryEntry>
{
    public void Configure(EntityTypeBuilder<CustomerHistoryEntry> builder)
    {
        builder.ToTable("CustomerHistory");
        builder.Property(e => e.ActorName).HasMaxLength(100).IsRequired();
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.Reason).HasMaxLength(Customer.TrustFlagReasonMaxLength).IsRequired();
    }
}

internal sealed class ComplaintMessageConfiguration : IEntityTypeConfiguration<ComplaintMessage>
{
    public void Configure(EntityTypeBuilder<ComplaintMessage> builder)
    {
        builder.ToTable("Messages");
        builder.Property(m => m.AuthorName).HasMaxLength(Customer.NameMaxLength).IsRequired();
        builder.Property(m => m.AuthorStaffId).HasMaxLength(450);
        builder.Property(m => m.Body).HasMaxLength(ComplaintMessage.BodyMaxLength).IsRequired();
        builder.Property(m => m.EmailMessageId).HasMaxLength(ComplaintMessage.EmailMessageIdMaxLength);
        builder.HasIndex(m => m.EmailMessageId);
        builder.Ignore(m => m.IsFromCustomer);
    }
}

internal sealed class MessageAttachmentConfiguration : IEntityTypeConfiguration<Conversations.MessageAttachment>
{
    public void Configure(EntityTypeBuilder<Conversations.MessageAttachment> builder)
    {
        builder.ToTable("Attachments");
        builder.HasOne(a => a.Message).WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.ComplaintId);
        builder.Property(a => a.FileName).HasMaxLength(Conversations.MessageAttachment.FileNameMaxLength).IsRequired();
        builder.Property(a => a.ContentType).HasMaxLength(100).IsRequired();
        builder.Ignore(a => a.IsImage);
    }
}

internal sealed class SavedReplyConfiguration : IEntityTypeConfiguration<Conversations.SavedReply>
{
    public void Configure(EntityTypeBuilder<Conversations.SavedReply> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(Conversations.SavedReply.TitleMaxLength).IsRequired();
        builder.Property(r => r.TextNl).HasMaxLength(Conversations.SavedReply.TextMaxLength).IsRequired();
        builder.Property(r => r.TextEn).HasMaxLength(Conversations.SavedReply.TextMaxLength).IsRequired();
    }
}

internal sealed class InboundEmailConfiguration : IEntityTypeConfiguration<Conversations.InboundEmail>
{
    public void Configure(EntityTypeBuilder<Conversations.InboundEmail> builder)
    {
        builder.Property(e => e.Key).HasMaxLength(Conversations.InboundEmail.KeyMaxLength).IsRequired();
        builder.HasIndex(e => e.Key).IsUnique();
    }
}

internal sealed class TimelineEventConfiguration : IEntityTypeConfiguration<TimelineEvent>
{
    public void Configure(EntityTypeBuilder<TimelineEvent> builder)
    {
        builder.Property(e => e.ActorName).HasMaxLength(100).IsRequired();
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.Detail).HasMaxLength(TimelineEvent.DetailMaxLength);
        // The API's "what changed since" (issue 29): the complaints with a timeline entry after a moment.
        builder.HasIndex(e => new { e.OccurredAt, e.ComplaintId });
    }
}

internal sealed class RootCauseInvestigationConfiguration : IEntityTypeConfiguration<RootCauseInvestigation>
{
    public void Configure(EntityTypeBuilder<RootCauseInvestigation> builder)
    {
        builder.ToTable("Investigations");
        builder.Property(i => i.Title).HasMaxLength(RootCauseInvestigation.TitleMaxLength).IsRequired();
        builder.Property(i => i.SearchTitle).HasMaxLength(RootCauseInvestigation.TitleMaxLength * 2);
        builder.Property(i => i.ProductKey).HasMaxLength(Complaint.ProductNameMaxLength + 8).IsRequired();
        builder.HasIndex(i => new { i.Status, i.ProductKey, i.Category });
        builder.HasIndex(i => i.OpenedAt);
        builder.Navigation(i => i.Complaints).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.Property(i => i.OwnerId).HasMaxLength(450);
        builder.Property(i => i.OwnerName).HasMaxLength(100);
        builder.PrimitiveCollection<List<string>>("_whys").HasColumnName("Whys");
        builder.Ignore(i => i.Whys);
        builder.Ignore(i => i.IsActive);
        builder.Property(i => i.CauseStatement).HasMaxLength(RootCauseInvestigation.TextMaxLength);
        builder.Property(i => i.CorrectiveAction).HasMaxLength(RootCauseInvestigation.TextMaxLength);
        builder.Property(i => i.PreventiveAction).HasMaxLength(RootCauseInvestigation.TextMaxLength);
        builder.Property(i => i.ActionOwner).HasMaxLength(100);
        builder.Property(i => i.ImprovementText).HasMaxLength(RootCauseInvestigation.TextMaxLength);
        builder.Property(i => i.ClosedReason).HasMaxLength(RootCauseInvestigation.TextMaxLength);
    }
}

internal sealed class RootCauseQueueItemConfiguration : IEntityTypeConfiguration<RootCauseQueueItem>
{
    public void Configure(EntityTypeBuilder<RootCauseQueueItem> builder)
    {
        builder.ToTable("RootCauseQueue");
        builder.HasIndex(q => new { q.Status, q.LeaseExpiresAt });
        builder.HasIndex(q => q.ComplaintId).IsUnique();
        builder.Property(q => q.LeaseOwner).HasMaxLength(100);
        builder.Property(q => q.LastError).HasMaxLength(2000);
        builder.HasOne(q => q.Complaint).WithMany().HasForeignKey(q => q.ComplaintId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<Mail.OutgoingMail>
{
    public void Configure(EntityTypeBuilder<Mail.OutgoingMail> builder)
    {
        builder.ToTable("MailOutbox");
        builder.HasIndex(m => new { m.SentAt, m.AvailableAt });
        builder.HasIndex(m => m.ComplaintId);
        builder.Property(m => m.LookupUrl).HasMaxLength(500);
        builder.Property(m => m.Culture).HasMaxLength(16);
        builder.Property(m => m.LeaseOwner).HasMaxLength(100);
        builder.Property(m => m.LastError).HasMaxLength(200);
        builder.Property(m => m.EmailMessageId).HasMaxLength(Domain.ComplaintMessage.EmailMessageIdMaxLength);
        builder.HasIndex(m => m.EmailMessageId);
        builder.HasOne(m => m.Complaint).WithMany().HasForeignKey(m => m.ComplaintId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(256).IsRequired();
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.TargetType).HasMaxLength(64).IsRequired();
        builder.Property(e => e.TargetId).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Detail).HasMaxLength(AuditEntry.DetailMaxLength);
        builder.Property(e => e.SearchText).HasMaxLength(AuditEntry.DetailMaxLength * 2);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.TargetType, e.TargetId });
    }
}

internal sealed class OrganisationSettingsConfiguration : IEntityTypeConfiguration<OrganisationSettings>
{
    public void Configure(EntityTypeBuilder<OrganisationSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(100).IsRequired();
        builder.Property(s => s.Phone).HasMaxLength(32).IsRequired();
        builder.Property(s => s.Email).HasMaxLength(254).IsRequired();
        builder.Property(s => s.OpeningHours).HasMaxLength(200).IsRequired();
        builder.Property(s => s.OwnersJson).HasMaxLength(2000).IsRequired();
        builder.Property(s => s.RegimesJson).HasMaxLength(2000).IsRequired().HasDefaultValue("{}");
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.Owners);
        builder.Ignore(s => s.Regimes);
    }
}

internal sealed class ReportDispatchConfiguration : IEntityTypeConfiguration<Reporting.ReportDispatch>
{
    public void Configure(EntityTypeBuilder<Reporting.ReportDispatch> builder)
    {
        builder.Property(d => d.StaffUserId).HasMaxLength(450).IsRequired();
        builder.Property(d => d.LeaseOwner).HasMaxLength(100);
        // Never twice for one period, also with several instances: the second insert fails.
        builder.HasIndex(d => new { d.Kind, d.From, d.StaffUserId }).IsUnique();
        builder.HasIndex(d => new { d.SentAt, d.AvailableAt });
    }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<Webhooks.WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<Webhooks.WebhookEndpoint> builder)
    {
        builder.Property(e => e.Url).HasMaxLength(Webhooks.WebhookEndpoint.UrlMaxLength).IsRequired();
        builder.Property(e => e.Description).HasMaxLength(Webhooks.WebhookEndpoint.DescriptionMaxLength).IsRequired();
        builder.PrimitiveCollection(e => e.Events);
        builder.Property(e => e.ProtectedSecret).HasMaxLength(1000).IsRequired();
        builder.Property(e => e.PausedBecause).HasMaxLength(Webhooks.WebhookEndpoint.PausedBecauseMaxLength);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<Webhooks.WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<Webhooks.WebhookDelivery> builder)
    {
        builder.Property(d => d.Type).HasMaxLength(64).IsRequired();
        builder.Property(d => d.Body).IsRequired();
        builder.Property(d => d.LeaseOwner).HasMaxLength(100);
        // The sender's question: what is due, oldest first.
        builder.HasIndex(d => new { d.DeliveredAt, d.GivenUpAt, d.AvailableAt });
        builder.HasIndex(d => new { d.EndpointId, d.Id });
        builder.HasOne<Webhooks.WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<Webhooks.WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<Webhooks.WebhookAttempt> builder)
    {
        builder.Property(a => a.Answer).HasMaxLength(Webhooks.WebhookAttempt.AnswerMaxLength);
        builder.HasIndex(a => new { a.EndpointId, a.Id });
        builder.HasOne<Webhooks.WebhookDelivery>().WithMany().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<Api.ApiKey>
{
    public void Configure(EntityTypeBuilder<Api.ApiKey> builder)
    {
        builder.Property(k => k.Name).HasMaxLength(100).IsRequired();
        builder.Property(k => k.Lookup).HasMaxLength(8).IsRequired();
        builder.HasIndex(k => k.Lookup).IsUnique();
        builder.Property(k => k.SecretHash).HasMaxLength(64).IsRequired();
        builder.Property(k => k.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(k => k.Scopes).HasConversion<int>();
        builder.PrimitiveCollection(k => k.StoreIds);
        builder.Ignore(k => k.IsActive);
    }
}

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder)
    {
        builder.Property(u => u.FirstName).HasMaxLength(100).IsRequired();
    }
}

internal sealed class StoreConfiguration : IEntityTypeConfiguration<Store>
{
    public void Configure(EntityTypeBuilder<Store> builder)
    {
        builder.Property(s => s.Code).HasMaxLength(Store.CodeMaxLength).IsRequired();
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(Store.NameMaxLength).IsRequired();
        builder.Property(s => s.City).HasMaxLength(Store.CityMaxLength).IsRequired();
        builder.Property(s => s.SearchText).HasMaxLength((Store.NameMaxLength + Store.CityMaxLength + 1) * 2);
        builder.Property(s => s.Address).HasMaxLength(Store.AddressMaxLength);
        builder.Property(s => s.Phone).HasMaxLength(Store.PhoneMaxLength);
        builder.Property(s => s.Email).HasMaxLength(Store.EmailMaxLength);
        builder.Property(s => s.OpeningHoursText).HasColumnName("OpeningHours").HasMaxLength(Store.OpeningHoursMaxLength).IsRequired();
        builder.Ignore(s => s.OpeningHours);
        builder.Ignore(s => s.CoSignLimit);
        builder.Ignore(s => s.MonthlyBudget);
        builder.Ignore(s => s.IsClosed);
        builder.Property(s => s.Country).HasDefaultValue(Country.Netherlands).HasSentinel((Country)(-1));
    }
}

internal sealed class ClosingDayConfiguration : IEntityTypeConfiguration<Organisation.ClosingDay>
{
    public void Configure(EntityTypeBuilder<Organisation.ClosingDay> builder)
    {
        builder.Property(d => d.Reason).HasMaxLength(Organisation.ClosingDay.ReasonMaxLength).IsRequired();
        builder.HasOne<Store>().WithMany().HasForeignKey(d => d.StoreId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.Date, d.StoreId });
    }
}

internal sealed class StoreMembershipConfiguration : IEntityTypeConfiguration<Stores.StoreMembership>
{
    public void Configure(EntityTypeBuilder<Stores.StoreMembership> builder)
    {
        builder.HasKey(m => new { m.StaffUserId, m.StoreId });
        builder.Property(m => m.StaffUserId).HasMaxLength(450);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(m => m.StaffUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Store>().WithMany().HasForeignKey(m => m.StoreId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.StoreId);
    }
}

internal sealed class DailyFigureConfiguration : IEntityTypeConfiguration<Reporting.DailyFigure>
{
    public void Configure(EntityTypeBuilder<Reporting.DailyFigure> builder)
    {
        // The key is also the dashboard's range: one kind, the period's days.
        builder.HasKey(f => new { f.Kind, f.Day, f.Item });
        // The customers' pairs of days (ADR 0039) are summed over up to a quarter of a million rows for two years: this
        // index holds the count, so the sum reads no row of the table.
        builder.HasIndex(f => new { f.Kind, f.Day, f.Item, f.Complaints }).HasDatabaseName("IX_DailyFigures_Sums");
        builder.Property(f => f.Item).HasMaxLength(Reporting.DailyFigure.ItemMaxLength);
    }
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<Imports.ImportJob>
{
    public void Configure(EntityTypeBuilder<Imports.ImportJob> builder)
    {
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.StartedBy).HasMaxLength(Imports.ImportJob.StartedByMaxLength).IsRequired();
        builder.Property(j => j.Failure).HasMaxLength(Imports.ImportJob.FailureMaxLength);
        // A piece saved by a worker that lost the job changes no row and rolls back.
        builder.Property(j => j.LeaseOwner).HasMaxLength(100).IsConcurrencyToken();
        builder.Ignore(j => j.IsFinished);
        builder.Ignore(j => j.Counts);
        // The worker's question: which jobs have not ended, oldest first.
        builder.HasIndex(j => new { j.FinishedAt, j.CreatedAt });
        builder.HasIndex(j => new { j.Kind, j.CreatedAt });
    }
}

internal sealed class ImportFileConfiguration : IEntityTypeConfiguration<Imports.ImportFile>
{
    public void Configure(EntityTypeBuilder<Imports.ImportFile> builder)
    {
        builder.HasKey(f => f.JobId);
        builder.Property(f => f.Text).IsRequired();
        builder.HasOne<Imports.ImportJob>().WithOne().HasForeignKey<Imports.ImportFile>(f => f.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
