IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [ApiKeys] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [Lookup] nvarchar(8) NOT NULL,
        [SecretHash] nvarchar(64) NOT NULL,
        [Scopes] int NOT NULL,
        [StoreIds] nvarchar(max) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CreatedBy] nvarchar(256) NOT NULL,
        [RevokedAt] datetime2 NULL,
        [LastUsedAt] datetime2 NULL,
        CONSTRAINT [PK_ApiKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [FirstName] nvarchar(100) NOT NULL,
        [IsActive] bit NOT NULL,
        [AllStores] bit NOT NULL,
        [NoReportEmails] bit NOT NULL,
        [CoSignPinHash] nvarchar(max) NULL,
        [CoSignPinFailures] int NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [AuditLog] (
        [Id] bigint NOT NULL IDENTITY,
        [At] datetime2 NOT NULL,
        [ActorId] nvarchar(450) NULL,
        [ActorName] nvarchar(256) NOT NULL,
        [IpAddress] nvarchar(64) NULL,
        [Action] nvarchar(32) NOT NULL,
        [TargetType] nvarchar(64) NOT NULL,
        [TargetId] nvarchar(64) NOT NULL,
        [Detail] nvarchar(2000) NULL,
        [SearchText] nvarchar(4000) NULL,
        CONSTRAINT [PK_AuditLog] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [Customers] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(200) NOT NULL,
        [Email] nvarchar(254) NULL,
        [Phone] nvarchar(32) NULL,
        [Postcode] nvarchar(12) NULL,
        [CreatedAt] datetime2 NOT NULL,
        [TrustFlagReason] nvarchar(500) NULL,
        [TrustFlaggedAt] datetime2 NULL,
        [TrustFlaggedByName] nvarchar(100) NULL,
        [AnonymisedAt] datetime2 NULL,
        [SearchName] nvarchar(400) NULL,
        CONSTRAINT [PK_Customers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [DailyFigures] (
        [Kind] nvarchar(32) NOT NULL,
        [Day] date NOT NULL,
        [Item] nvarchar(208) NOT NULL,
        [Complaints] int NOT NULL,
        [FirstContact] int NOT NULL,
        [GoodwillCents] bigint NOT NULL,
        [Rated] int NOT NULL,
        [ScoreSum] int NOT NULL,
        CONSTRAINT [PK_DailyFigures] PRIMARY KEY ([Kind], [Day], [Item])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [InboundEmails] (
        [Id] int NOT NULL IDENTITY,
        [Key] nvarchar(300) NOT NULL,
        [ReceivedAt] datetime2 NOT NULL,
        [Outcome] nvarchar(32) NOT NULL,
        [ComplaintId] int NULL,
        [EraseRequestedAt] datetime2 NULL,
        CONSTRAINT [PK_InboundEmails] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [Investigations] (
        [Id] int NOT NULL IDENTITY,
        [Title] nvarchar(200) NOT NULL,
        [SearchTitle] nvarchar(400) NULL,
        [ProductKey] nvarchar(208) NOT NULL,
        [Category] nvarchar(32) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [OpenedAt] datetime2 NOT NULL,
        [DueDate] date NOT NULL,
        [OwnerId] nvarchar(450) NULL,
        [OwnerName] nvarchar(100) NULL,
        [CauseCategory] nvarchar(32) NULL,
        [CauseStatement] nvarchar(2000) NULL,
        [CorrectiveAction] nvarchar(2000) NULL,
        [PreventiveAction] nvarchar(2000) NULL,
        [ActionOwner] nvarchar(100) NULL,
        [ActionDueDate] date NULL,
        [ImprovementText] nvarchar(2000) NULL,
        [FixedAt] datetime2 NULL,
        [EffectivenessCheckDate] date NULL,
        [VerifiedAt] datetime2 NULL,
        [ClosedReason] nvarchar(2000) NULL,
        [ClosedAt] datetime2 NULL,
        [MergedIntoId] int NULL,
        [Version] int NOT NULL,
        [Whys] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_Investigations] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [OrganisationSettings] (
        [Id] int NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Phone] nvarchar(32) NOT NULL,
        [Email] nvarchar(254) NOT NULL,
        [OpeningHours] nvarchar(200) NOT NULL,
        [OnlineResponseWorkingDays] int NOT NULL,
        [CoSignAboveCents] bigint NOT NULL,
        [ServiceLevelWorkingDays] int NOT NULL,
        [GroupingWindowDays] int NOT NULL,
        [Regime] nvarchar(32) NOT NULL,
        [RegimesJson] nvarchar(2000) NOT NULL DEFAULT N'{}',
        [OwnersJson] nvarchar(2000) NOT NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_OrganisationSettings] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [ReportDispatches] (
        [Id] int NOT NULL IDENTITY,
        [Kind] nvarchar(32) NOT NULL,
        [From] date NOT NULL,
        [To] date NOT NULL,
        [StaffUserId] nvarchar(450) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [AvailableAt] datetime2 NOT NULL,
        [LeaseOwner] nvarchar(100) NULL,
        [Attempts] int NOT NULL,
        [SentAt] datetime2 NULL,
        CONSTRAINT [PK_ReportDispatches] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [SavedReplies] (
        [Id] int NOT NULL IDENTITY,
        [Title] nvarchar(100) NOT NULL,
        [TextNl] nvarchar(4000) NOT NULL,
        [TextEn] nvarchar(4000) NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_SavedReplies] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [Stores] (
        [Id] int NOT NULL IDENTITY,
        [Code] nvarchar(20) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [City] nvarchar(100) NOT NULL,
        [SearchText] nvarchar(402) NULL,
        [Address] nvarchar(200) NULL,
        [Phone] nvarchar(30) NULL,
        [Email] nvarchar(254) NULL,
        [OpeningHours] nvarchar(120) NOT NULL,
        [CoSignLimitCents] bigint NULL,
        [MonthlyBudgetCents] bigint NULL,
        [ClosedAt] datetime2 NULL,
        [Country] nvarchar(32) NOT NULL DEFAULT N'Netherlands',
        CONSTRAINT [PK_Stores] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [WebhookEndpoints] (
        [Id] int NOT NULL IDENTITY,
        [Url] nvarchar(500) NOT NULL,
        [Description] nvarchar(200) NOT NULL,
        [Events] nvarchar(max) NOT NULL,
        [ProtectedSecret] nvarchar(1000) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [PausedAt] datetime2 NULL,
        [PausedBecause] nvarchar(300) NULL,
        CONSTRAINT [PK_WebhookEndpoints] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [CustomerHistory] (
        [Id] bigint NOT NULL IDENTITY,
        [CustomerId] int NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [OccurredAt] datetime2 NOT NULL,
        [ActorName] nvarchar(100) NOT NULL,
        [ActorId] nvarchar(450) NULL,
        [Reason] nvarchar(500) NOT NULL,
        CONSTRAINT [PK_CustomerHistory] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CustomerHistory_Customers_CustomerId] FOREIGN KEY ([CustomerId]) REFERENCES [Customers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [Complaints] (
        [Id] int NOT NULL IDENTITY,
        [TrackingCode] nvarchar(9) NOT NULL,
        [CustomerId] int NOT NULL,
        [Channel] nvarchar(32) NOT NULL,
        [Category] nvarchar(32) NOT NULL,
        [ProductName] nvarchar(200) NOT NULL,
        [ArticleNumber] nvarchar(50) NULL,
        [ProductKey] nvarchar(208) NOT NULL,
        [PurchaseDate] date NULL,
        [StoreId] int NULL,
        [PurchasePlace] nvarchar(200) NULL,
        [Receipt] nvarchar(32) NOT NULL,
        [Description] nvarchar(4000) NOT NULL,
        [DesiredOutcome] nvarchar(32) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [ReceivedAt] datetime2 NOT NULL,
        [ReceivedOn] date NOT NULL,
        [RecordedById] nvarchar(450) NULL,
        [RecordedByName] nvarchar(100) NOT NULL,
        [InvestigationId] int NULL,
        [SubmissionId] uniqueidentifier NULL,
        [SubmittedBy] nvarchar(100) NULL,
        [Conversation] nvarchar(32) NOT NULL,
        [WaitingSince] datetime2 NULL,
        [RespondBy] date NULL,
        [ExtensionReason] nvarchar(500) NULL,
        [EscalatedAt] datetime2 NULL,
        [Regime] nvarchar(32) NOT NULL,
        [ClockPausedSince] datetime2 NULL,
        [PromiseKept] bit NULL,
        [Version] int NOT NULL,
        [ExternalSource] nvarchar(32) NULL,
        [ExternalId] nvarchar(100) NULL,
        [SatisfactionScore] int NULL,
        [FeedbackRemark] nvarchar(1000) NULL,
        [FeedbackAt] datetime2 NULL,
        [ClosedAt] datetime2 NULL,
        [NextOfCustomerAt] datetime2 NULL,
        [PreviousOfCustomerAt] datetime2 NULL,
        [ResolutionAmountCents] bigint NULL,
        [CoSignReasons] nvarchar(64) NULL,
        [CoSignedById] nvarchar(450) NULL,
        [CoSignedByName] nvarchar(100) NULL,
        [Resolution_FirstContact] bit NULL,
        [ResolvedAt] datetime2 NULL,
        [GrantedAtStoreId] int NULL,
        [ResolvedById] nvarchar(450) NULL,
        [ResolvedByName] nvarchar(100) NULL,
        [Resolution_MinutesToResolve] int NULL,
        [ResolutionNote] nvarchar(1000) NULL,
        [ResolutionRefundMethod] nvarchar(32) NULL,
        [SecondCoSignedById] nvarchar(450) NULL,
        [SecondCoSignedByName] nvarchar(100) NULL,
        [ResolutionType] nvarchar(32) NULL,
        CONSTRAINT [PK_Complaints] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Complaints_Customers_CustomerId] FOREIGN KEY ([CustomerId]) REFERENCES [Customers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Complaints_Investigations_InvestigationId] FOREIGN KEY ([InvestigationId]) REFERENCES [Investigations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [ClosingDays] (
        [Id] int NOT NULL IDENTITY,
        [StoreId] int NULL,
        [Date] date NOT NULL,
        [Reason] nvarchar(100) NOT NULL,
        CONSTRAINT [PK_ClosingDays] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ClosingDays_Stores_StoreId] FOREIGN KEY ([StoreId]) REFERENCES [Stores] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [StoreMemberships] (
        [StaffUserId] nvarchar(450) NOT NULL,
        [StoreId] int NOT NULL,
        CONSTRAINT [PK_StoreMemberships] PRIMARY KEY ([StaffUserId], [StoreId]),
        CONSTRAINT [FK_StoreMemberships_AspNetUsers_StaffUserId] FOREIGN KEY ([StaffUserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_StoreMemberships_Stores_StoreId] FOREIGN KEY ([StoreId]) REFERENCES [Stores] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [WebhookDeliveries] (
        [Id] int NOT NULL IDENTITY,
        [EndpointId] int NOT NULL,
        [EventId] uniqueidentifier NOT NULL,
        [Type] nvarchar(64) NOT NULL,
        [Body] nvarchar(max) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [AvailableAt] datetime2 NOT NULL,
        [LeaseOwner] nvarchar(100) NULL,
        [Attempts] int NOT NULL,
        [DeliveredAt] datetime2 NULL,
        [GivenUpAt] datetime2 NULL,
        CONSTRAINT [PK_WebhookDeliveries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WebhookDeliveries_WebhookEndpoints_EndpointId] FOREIGN KEY ([EndpointId]) REFERENCES [WebhookEndpoints] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [MailOutbox] (
        [Id] bigint NOT NULL IDENTITY,
        [Kind] nvarchar(32) NOT NULL,
        [ComplaintId] int NOT NULL,
        [MessageId] int NULL,
        [EmailMessageId] nvarchar(300) NULL,
        [BouncedAt] datetime2 NULL,
        [LookupUrl] nvarchar(500) NOT NULL,
        [Culture] nvarchar(16) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [AvailableAt] datetime2 NOT NULL,
        [LeaseOwner] nvarchar(100) NULL,
        [Attempts] int NOT NULL,
        [SentAt] datetime2 NULL,
        [LastError] nvarchar(200) NULL,
        CONSTRAINT [PK_MailOutbox] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MailOutbox_Complaints_ComplaintId] FOREIGN KEY ([ComplaintId]) REFERENCES [Complaints] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [Messages] (
        [Id] int NOT NULL IDENTITY,
        [ComplaintId] int NOT NULL,
        [Direction] nvarchar(32) NOT NULL,
        [Channel] nvarchar(32) NOT NULL,
        [AuthorName] nvarchar(200) NOT NULL,
        [AuthorStaffId] nvarchar(450) NULL,
        [Body] nvarchar(max) NOT NULL,
        [At] datetime2 NOT NULL,
        [EmailMessageId] nvarchar(300) NULL,
        CONSTRAINT [PK_Messages] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Messages_Complaints_ComplaintId] FOREIGN KEY ([ComplaintId]) REFERENCES [Complaints] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [RootCauseQueue] (
        [Id] bigint NOT NULL IDENTITY,
        [ComplaintId] int NOT NULL,
        [EnqueuedAt] datetime2 NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [LeaseOwner] nvarchar(100) NULL,
        [LeaseExpiresAt] datetime2 NULL,
        [Attempts] int NOT NULL,
        [ProcessedAt] datetime2 NULL,
        [LastError] nvarchar(2000) NULL,
        CONSTRAINT [PK_RootCauseQueue] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RootCauseQueue_Complaints_ComplaintId] FOREIGN KEY ([ComplaintId]) REFERENCES [Complaints] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [TimelineEvents] (
        [Id] bigint NOT NULL IDENTITY,
        [ComplaintId] int NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [OccurredAt] datetime2 NOT NULL,
        [ActorName] nvarchar(100) NOT NULL,
        [ActorId] nvarchar(450) NULL,
        [Detail] nvarchar(2000) NULL,
        CONSTRAINT [PK_TimelineEvents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_TimelineEvents_Complaints_ComplaintId] FOREIGN KEY ([ComplaintId]) REFERENCES [Complaints] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [WebhookAttempts] (
        [Id] int NOT NULL IDENTITY,
        [DeliveryId] int NOT NULL,
        [EndpointId] int NOT NULL,
        [At] datetime2 NOT NULL,
        [Status] int NULL,
        [DurationMs] int NOT NULL,
        [Answer] nvarchar(1024) NULL,
        CONSTRAINT [PK_WebhookAttempts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WebhookAttempts_WebhookDeliveries_DeliveryId] FOREIGN KEY ([DeliveryId]) REFERENCES [WebhookDeliveries] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE TABLE [Attachments] (
        [Id] int NOT NULL IDENTITY,
        [MessageId] int NOT NULL,
        [ComplaintId] int NOT NULL,
        [FileName] nvarchar(200) NOT NULL,
        [ContentType] nvarchar(100) NOT NULL,
        [Length] bigint NOT NULL,
        [Content] varbinary(max) NOT NULL,
        [Thumbnail] varbinary(max) NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Attachments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Attachments_Messages_MessageId] FOREIGN KEY ([MessageId]) REFERENCES [Messages] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiKeys_Lookup] ON [ApiKeys] ([Lookup]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Attachments_ComplaintId] ON [Attachments] ([ComplaintId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Attachments_MessageId] ON [Attachments] ([MessageId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_AuditLog_At] ON [AuditLog] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_AuditLog_TargetType_TargetId] ON [AuditLog] ([TargetType], [TargetId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_ClosingDays_Date_StoreId] ON [ClosingDays] ([Date], [StoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_ClosingDays_StoreId] ON [ClosingDays] ([StoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Complaints_Conversation_WaitingSince] ON [Complaints] ([Conversation], [WaitingSince]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Complaints_CustomerId_ProductKey] ON [Complaints] ([CustomerId], [ProductKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Complaints_ExternalSource_ExternalId] ON [Complaints] ([ExternalSource], [ExternalId]) WHERE "ExternalSource" IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Complaints_InvestigationId] ON [Complaints] ([InvestigationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Complaints_Overdue] ON [Complaints] ([Status], [RespondBy]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Complaints_ProductKey] ON [Complaints] ([ProductKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Complaints_PromisesKept] ON [Complaints] ([RespondBy], [StoreId], [Regime], [PromiseKept]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Complaints_ReceivedAt] ON [Complaints] ([ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Complaints_RepeatCustomers] ON [Complaints] ([ReceivedAt], [PreviousOfCustomerAt], [NextOfCustomerAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Complaints_StoreId_ReceivedAt] ON [Complaints] ([StoreId], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Complaints_SubmissionId_SubmittedBy] ON [Complaints] ([SubmissionId], [SubmittedBy]) WHERE [SubmissionId] IS NOT NULL AND [SubmittedBy] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Complaints_TrackingCode] ON [Complaints] ([TrackingCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_CustomerHistory_CustomerId] ON [CustomerHistory] ([CustomerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Customers_Email] ON [Customers] ([Email]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Customers_Name] ON [Customers] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Customers_Phone] ON [Customers] ([Phone]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Customers_Postcode] ON [Customers] ([Postcode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_InboundEmails_Key] ON [InboundEmails] ([Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Investigations_OpenedAt] ON [Investigations] ([OpenedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Investigations_Status_ProductKey_Category] ON [Investigations] ([Status], [ProductKey], [Category]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_MailOutbox_ComplaintId] ON [MailOutbox] ([ComplaintId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_MailOutbox_EmailMessageId] ON [MailOutbox] ([EmailMessageId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_MailOutbox_SentAt_AvailableAt] ON [MailOutbox] ([SentAt], [AvailableAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Messages_ComplaintId] ON [Messages] ([ComplaintId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Messages_EmailMessageId] ON [Messages] ([EmailMessageId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ReportDispatches_Kind_From_StaffUserId] ON [ReportDispatches] ([Kind], [From], [StaffUserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_ReportDispatches_SentAt_AvailableAt] ON [ReportDispatches] ([SentAt], [AvailableAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_RootCauseQueue_ComplaintId] ON [RootCauseQueue] ([ComplaintId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_RootCauseQueue_Status_LeaseExpiresAt] ON [RootCauseQueue] ([Status], [LeaseExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_StoreMemberships_StoreId] ON [StoreMemberships] ([StoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Stores_Code] ON [Stores] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_TimelineEvents_ComplaintId] ON [TimelineEvents] ([ComplaintId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_TimelineEvents_OccurredAt_ComplaintId] ON [TimelineEvents] ([OccurredAt], [ComplaintId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_WebhookAttempts_DeliveryId] ON [WebhookAttempts] ([DeliveryId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_WebhookAttempts_EndpointId_Id] ON [WebhookAttempts] ([EndpointId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_DeliveredAt_GivenUpAt_AvailableAt] ON [WebhookDeliveries] ([DeliveredAt], [GivenUpAt], [AvailableAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_EndpointId_Id] ON [WebhookDeliveries] ([EndpointId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_Complaints_Dashboard] ON [Complaints] ([ReceivedAt]) INCLUDE ([Status], [ReceivedOn], [CustomerId], [ProductKey], [InvestigationId], [SatisfactionScore], [ResolutionAmountCents], [Resolution_FirstContact], [Resolution_MinutesToResolve], [StoreId])');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    CREATE INDEX [IX_Complaints_Goodwill] ON [Complaints] ([ResolvedAt]) INCLUDE ([GrantedAtStoreId], [ResolutionAmountCents]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202174323_Baseline'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202174323_Baseline', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207015321_ImportJobs'
)
BEGIN
    CREATE TABLE [ImportJobs] (
        [Id] uniqueidentifier NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Total] int NOT NULL,
        [Done] int NOT NULL,
        [Added] int NOT NULL,
        [Updated] int NOT NULL,
        [Unchanged] int NOT NULL,
        [NewCustomers] int NOT NULL,
        [KnownCustomers] int NOT NULL,
        [StartedBy] nvarchar(256) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [FinishedAt] datetime2 NULL,
        [Failure] nvarchar(500) NULL,
        [LeaseOwner] nvarchar(100) NULL,
        [LeaseUntil] datetime2 NULL,
        CONSTRAINT [PK_ImportJobs] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207015321_ImportJobs'
)
BEGIN
    CREATE TABLE [ImportFiles] (
        [JobId] uniqueidentifier NOT NULL,
        [Text] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_ImportFiles] PRIMARY KEY ([JobId]),
        CONSTRAINT [FK_ImportFiles_ImportJobs_JobId] FOREIGN KEY ([JobId]) REFERENCES [ImportJobs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207015321_ImportJobs'
)
BEGIN
    CREATE INDEX [IX_ImportJobs_FinishedAt_CreatedAt] ON [ImportJobs] ([FinishedAt], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207015321_ImportJobs'
)
BEGIN
    CREATE INDEX [IX_ImportJobs_Kind_CreatedAt] ON [ImportJobs] ([Kind], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207015321_ImportJobs'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207015321_ImportJobs', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207052742_SearchIndexAndRollups'
)
BEGIN
    DROP INDEX [IX_Complaints_Overdue] ON [Complaints];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207052742_SearchIndexAndRollups'
)
BEGIN
    DROP INDEX [IX_Complaints_RepeatCustomers] ON [Complaints];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207052742_SearchIndexAndRollups'
)
BEGIN
    CREATE INDEX [IX_DailyFigures_Sums] ON [DailyFigures] ([Kind], [Day], [Item], [Complaints]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207052742_SearchIndexAndRollups'
)
BEGIN
    CREATE INDEX [IX_Complaints_Overdue] ON [Complaints] ([Status], [RespondBy], [ClockPausedSince]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207052742_SearchIndexAndRollups'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_Complaints_InvestigationGoodwill] ON [Complaints] ([InvestigationId]) INCLUDE ([ResolutionAmountCents]);');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207052742_SearchIndexAndRollups'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207052742_SearchIndexAndRollups', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207231100_StaffProviderLinks'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [ProviderLinkAllowed] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207231100_StaffProviderLinks'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [ProvisionedBySignIn] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207231100_StaffProviderLinks'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207231100_StaffProviderLinks', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261208042910_RefundPayouts'
)
BEGIN
    ALTER TABLE [Complaints] ADD [RefundPaidByName] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261208042910_RefundPayouts'
)
BEGIN
    ALTER TABLE [Complaints] ADD [RefundPaidOn] date NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261208042910_RefundPayouts'
)
BEGIN
    ALTER TABLE [Complaints] ADD [RefundPaymentReference] nvarchar(35) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261208042910_RefundPayouts'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261208042910_RefundPayouts', N'10.0.14');
END;

COMMIT;
GO

