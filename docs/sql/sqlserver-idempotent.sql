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
    WHERE [MigrationId] = N'20261122235135_Initial'
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
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [FirstName] nvarchar(100) NOT NULL,
        [IsActive] bit NOT NULL,
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
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE TABLE [Customers] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(200) NOT NULL,
        [Email] nvarchar(254) NULL,
        [Phone] nvarchar(32) NULL,
        [Postcode] nvarchar(12) NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Customers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
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
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE TABLE [Investigations] (
        [Id] int NOT NULL IDENTITY,
        [Title] nvarchar(200) NOT NULL,
        [ProductKey] nvarchar(208) NOT NULL,
        [Category] nvarchar(32) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [OpenedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Investigations] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
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
    WHERE [MigrationId] = N'20261122235135_Initial'
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
    WHERE [MigrationId] = N'20261122235135_Initial'
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
    WHERE [MigrationId] = N'20261122235135_Initial'
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
    WHERE [MigrationId] = N'20261122235135_Initial'
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
    WHERE [MigrationId] = N'20261122235135_Initial'
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
        [PurchasePlace] nvarchar(200) NULL,
        [Receipt] nvarchar(32) NOT NULL,
        [Description] nvarchar(4000) NOT NULL,
        [DesiredOutcome] nvarchar(32) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [ReceivedAt] datetime2 NOT NULL,
        [RecordedById] nvarchar(450) NULL,
        [RecordedByName] nvarchar(100) NOT NULL,
        [ResolutionType] nvarchar(32) NULL,
        [ResolutionAmountCents] bigint NULL,
        [ResolutionRefundMethod] nvarchar(32) NULL,
        [ResolutionNote] nvarchar(1000) NULL,
        [ResolvedAt] datetime2 NULL,
        [ResolvedById] nvarchar(450) NULL,
        [ResolvedByName] nvarchar(100) NULL,
        [InvestigationId] int NULL,
        [SubmissionId] uniqueidentifier NULL,
        CONSTRAINT [PK_Complaints] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Complaints_Customers_CustomerId] FOREIGN KEY ([CustomerId]) REFERENCES [Customers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Complaints_Investigations_InvestigationId] FOREIGN KEY ([InvestigationId]) REFERENCES [Investigations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
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
    WHERE [MigrationId] = N'20261122235135_Initial'
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
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE INDEX [IX_Complaints_CustomerId] ON [Complaints] ([CustomerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE INDEX [IX_Complaints_InvestigationId] ON [Complaints] ([InvestigationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE INDEX [IX_Complaints_ProductKey] ON [Complaints] ([ProductKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE INDEX [IX_Complaints_ReceivedAt] ON [Complaints] ([ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Complaints_SubmissionId] ON [Complaints] ([SubmissionId]) WHERE [SubmissionId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Complaints_TrackingCode] ON [Complaints] ([TrackingCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE INDEX [IX_Customers_Email] ON [Customers] ([Email]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE INDEX [IX_Customers_Phone] ON [Customers] ([Phone]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE INDEX [IX_Investigations_Status_ProductKey_Category] ON [Investigations] ([Status], [ProductKey], [Category]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_RootCauseQueue_ComplaintId] ON [RootCauseQueue] ([ComplaintId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE INDEX [IX_RootCauseQueue_Status_LeaseExpiresAt] ON [RootCauseQueue] ([Status], [LeaseExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    CREATE INDEX [IX_TimelineEvents_ComplaintId] ON [TimelineEvents] ([ComplaintId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261122235135_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261122235135_Initial', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123000639_DeskPolicyAndCorrections'
)
BEGIN
    ALTER TABLE [Customers] ADD [TrustFlagReason] nvarchar(500) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123000639_DeskPolicyAndCorrections'
)
BEGIN
    ALTER TABLE [Customers] ADD [TrustFlaggedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123000639_DeskPolicyAndCorrections'
)
BEGIN
    ALTER TABLE [Customers] ADD [TrustFlaggedByName] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123000639_DeskPolicyAndCorrections'
)
BEGIN
    ALTER TABLE [Complaints] ADD [CoSignReasons] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123000639_DeskPolicyAndCorrections'
)
BEGIN
    ALTER TABLE [Complaints] ADD [CoSignedById] nvarchar(450) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123000639_DeskPolicyAndCorrections'
)
BEGIN
    ALTER TABLE [Complaints] ADD [CoSignedByName] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123000639_DeskPolicyAndCorrections'
)
BEGIN
    ALTER TABLE [Complaints] ADD [Version] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123000639_DeskPolicyAndCorrections'
)
BEGIN
    CREATE INDEX [IX_Customers_Name] ON [Customers] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123000639_DeskPolicyAndCorrections'
)
BEGIN
    CREATE INDEX [IX_Customers_Postcode] ON [Customers] ([Postcode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123000639_DeskPolicyAndCorrections'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123000639_DeskPolicyAndCorrections', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [ActionDueDate] date NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [ActionOwner] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [CauseCategory] nvarchar(32) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [CauseStatement] nvarchar(2000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [ClosedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [ClosedReason] nvarchar(2000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [CorrectiveAction] nvarchar(2000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [DueDate] date NOT NULL DEFAULT '0001-01-01';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [EffectivenessCheckDate] date NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [FixedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [ImprovementText] nvarchar(2000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [MergedIntoId] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [OwnerId] nvarchar(450) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [OwnerName] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [PreventiveAction] nvarchar(2000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [VerifiedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [Version] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Investigations] ADD [Whys] nvarchar(max) NOT NULL DEFAULT N'[]';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Complaints] ADD [ClosedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Complaints] ADD [FeedbackAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Complaints] ADD [FeedbackRemark] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Complaints] ADD [Resolution_FirstContact] bit NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Complaints] ADD [Resolution_MinutesToResolve] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    ALTER TABLE [Complaints] ADD [SatisfactionScore] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
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
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    CREATE INDEX [IX_Investigations_OpenedAt] ON [Investigations] ([OpenedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    CREATE INDEX [IX_CustomerHistory_CustomerId] ON [CustomerHistory] ([CustomerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123001421_Investigations'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123001421_Investigations', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123004440_DashboardIndex'
)
BEGIN
    ALTER TABLE [Complaints] ADD [ReceivedOn] date NOT NULL DEFAULT '0001-01-01';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123004440_DashboardIndex'
)
BEGIN
    EXEC(N'UPDATE [Complaints] SET [ReceivedOn] = CAST([ReceivedAt] AS date)');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123004440_DashboardIndex'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_Complaints_Dashboard] ON [Complaints] ([ReceivedAt]) INCLUDE ([Status], [ReceivedOn], [CustomerId], [ProductKey], [InvestigationId], [SatisfactionScore], [ResolutionAmountCents], [Resolution_FirstContact], [Resolution_MinutesToResolve])');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123004440_DashboardIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123004440_DashboardIndex', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123010043_AuditLog'
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
        CONSTRAINT [PK_AuditLog] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123010043_AuditLog'
)
BEGIN
    CREATE INDEX [IX_AuditLog_At] ON [AuditLog] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123010043_AuditLog'
)
BEGIN
    CREATE INDEX [IX_AuditLog_TargetType_TargetId] ON [AuditLog] ([TargetType], [TargetId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123010043_AuditLog'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123010043_AuditLog', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123010324_OrganisationSettings'
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
        [OwnersJson] nvarchar(2000) NOT NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_OrganisationSettings] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123010324_OrganisationSettings'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123010324_OrganisationSettings', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123010646_Privacy'
)
BEGIN
    ALTER TABLE [Customers] ADD [AnonymisedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123010646_Privacy'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123010646_Privacy', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123011121_ApiKeys'
)
BEGIN
    CREATE TABLE [ApiKeys] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [Lookup] nvarchar(8) NOT NULL,
        [SecretHash] nvarchar(64) NOT NULL,
        [Scopes] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CreatedBy] nvarchar(256) NOT NULL,
        [RevokedAt] datetime2 NULL,
        [LastUsedAt] datetime2 NULL,
        CONSTRAINT [PK_ApiKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123011121_ApiKeys'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiKeys_Lookup] ON [ApiKeys] ([Lookup]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123011121_ApiKeys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123011121_ApiKeys', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123043849_MailOutbox'
)
BEGIN
    CREATE TABLE [MailOutbox] (
        [Id] bigint NOT NULL IDENTITY,
        [Kind] nvarchar(32) NOT NULL,
        [ComplaintId] int NOT NULL,
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
    WHERE [MigrationId] = N'20261123043849_MailOutbox'
)
BEGIN
    CREATE INDEX [IX_MailOutbox_ComplaintId] ON [MailOutbox] ([ComplaintId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123043849_MailOutbox'
)
BEGIN
    CREATE INDEX [IX_MailOutbox_SentAt_AvailableAt] ON [MailOutbox] ([SentAt], [AvailableAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123043849_MailOutbox'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123043849_MailOutbox', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127093642_SubmissionClientAndSecondCoSigner'
)
BEGIN
    DROP INDEX [IX_Complaints_SubmissionId] ON [Complaints];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127093642_SubmissionClientAndSecondCoSigner'
)
BEGIN
    ALTER TABLE [Complaints] ADD [SecondCoSignedById] nvarchar(450) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127093642_SubmissionClientAndSecondCoSigner'
)
BEGIN
    ALTER TABLE [Complaints] ADD [SecondCoSignedByName] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127093642_SubmissionClientAndSecondCoSigner'
)
BEGIN
    ALTER TABLE [Complaints] ADD [SubmittedBy] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127093642_SubmissionClientAndSecondCoSigner'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Complaints_SubmissionId_SubmittedBy] ON [Complaints] ([SubmissionId], [SubmittedBy]) WHERE [SubmissionId] IS NOT NULL AND [SubmittedBy] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127093642_SubmissionClientAndSecondCoSigner'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127093642_SubmissionClientAndSecondCoSigner', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127102719_Conversations'
)
BEGIN
    ALTER TABLE [MailOutbox] ADD [BouncedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127102719_Conversations'
)
BEGIN
    ALTER TABLE [MailOutbox] ADD [EmailMessageId] nvarchar(300) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127102719_Conversations'
)
BEGIN
    ALTER TABLE [MailOutbox] ADD [MessageId] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127102719_Conversations'
)
BEGIN
    ALTER TABLE [Complaints] ADD [Conversation] nvarchar(32) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127102719_Conversations'
)
BEGIN
    ALTER TABLE [Complaints] ADD [WaitingSince] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127102719_Conversations'
)
BEGIN
    CREATE TABLE [InboundEmails] (
        [Id] int NOT NULL IDENTITY,
        [Key] nvarchar(300) NOT NULL,
        [ReceivedAt] datetime2 NOT NULL,
        [Outcome] nvarchar(32) NOT NULL,
        [ComplaintId] int NULL,
        CONSTRAINT [PK_InboundEmails] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127102719_Conversations'
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
    WHERE [MigrationId] = N'20261127102719_Conversations'
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
    WHERE [MigrationId] = N'20261127102719_Conversations'
)
BEGIN
    CREATE INDEX [IX_MailOutbox_EmailMessageId] ON [MailOutbox] ([EmailMessageId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127102719_Conversations'
)
BEGIN
    CREATE INDEX [IX_Complaints_Conversation_WaitingSince] ON [Complaints] ([Conversation], [WaitingSince]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127102719_Conversations'
)
BEGIN
    CREATE INDEX [IX_Attachments_ComplaintId] ON [Attachments] ([ComplaintId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127102719_Conversations'
)
BEGIN
    CREATE INDEX [IX_Attachments_MessageId] ON [Attachments] ([MessageId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127102719_Conversations'
)
BEGIN
    CREATE UNIQUE INDEX [IX_InboundEmails_Key] ON [InboundEmails] ([Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127102719_Conversations'
)
BEGIN
    CREATE INDEX [IX_Messages_ComplaintId] ON [Messages] ([ComplaintId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127102719_Conversations'
)
BEGIN
    CREATE INDEX [IX_Messages_EmailMessageId] ON [Messages] ([EmailMessageId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127102719_Conversations'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127102719_Conversations', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127110038_SavedReplies'
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
    WHERE [MigrationId] = N'20261127110038_SavedReplies'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127110038_SavedReplies', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127121107_Stores'
)
BEGIN
    ALTER TABLE [Complaints] ADD [StoreId] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127121107_Stores'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [AllStores] bit NOT NULL DEFAULT CAST(1 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127121107_Stores'
)
BEGIN
    CREATE TABLE [Stores] (
        [Id] int NOT NULL IDENTITY,
        [Code] nvarchar(20) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [City] nvarchar(100) NOT NULL,
        [Address] nvarchar(200) NULL,
        [Phone] nvarchar(30) NULL,
        [Email] nvarchar(254) NULL,
        [OpeningHours] nvarchar(120) NOT NULL,
        [CoSignLimitCents] bigint NULL,
        [MonthlyBudgetCents] bigint NULL,
        [ClosedAt] datetime2 NULL,
        CONSTRAINT [PK_Stores] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127121107_Stores'
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
    WHERE [MigrationId] = N'20261127121107_Stores'
)
BEGIN
    CREATE INDEX [IX_Complaints_StoreId_ReceivedAt] ON [Complaints] ([StoreId], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127121107_Stores'
)
BEGIN
    CREATE INDEX [IX_StoreMemberships_StoreId] ON [StoreMemberships] ([StoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127121107_Stores'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Stores_Code] ON [Stores] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127121107_Stores'
)
BEGIN
    DROP INDEX [IX_Complaints_Dashboard] ON [Complaints];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127121107_Stores'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_Complaints_Dashboard] ON [Complaints] ([ReceivedAt]) INCLUDE ([Status], [ReceivedOn], [CustomerId], [ProductKey], [InvestigationId], [SatisfactionScore], [ResolutionAmountCents], [Resolution_FirstContact], [Resolution_MinutesToResolve], [StoreId])');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127121107_Stores'
)
BEGIN
    CREATE INDEX [IX_Complaints_Goodwill] ON [Complaints] ([ResolvedAt]) INCLUDE ([StoreId], [ResolutionAmountCents]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127121107_Stores'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127121107_Stores', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127134139_CustomerSearchName'
)
BEGIN
    ALTER TABLE [Customers] ADD [SearchName] nvarchar(400) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127134139_CustomerSearchName'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127134139_CustomerSearchName', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127144752_SearchColumns'
)
BEGIN
    ALTER TABLE [Stores] ADD [SearchText] nvarchar(402) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127144752_SearchColumns'
)
BEGIN
    ALTER TABLE [Investigations] ADD [SearchTitle] nvarchar(400) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127144752_SearchColumns'
)
BEGIN
    ALTER TABLE [AuditLog] ADD [SearchText] nvarchar(4000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127144752_SearchColumns'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127144752_SearchColumns', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127200631_DailyFigures'
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
    WHERE [MigrationId] = N'20261127200631_DailyFigures'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127200631_DailyFigures', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127201910_RepeatCustomerNeighbours'
)
BEGIN
    ALTER TABLE [Complaints] ADD [NextOfCustomerAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127201910_RepeatCustomerNeighbours'
)
BEGIN
    ALTER TABLE [Complaints] ADD [PreviousOfCustomerAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127201910_RepeatCustomerNeighbours'
)
BEGIN
    UPDATE Complaints SET PreviousOfCustomerAt = (SELECT MAX(p.ReceivedAt) FROM Complaints p WHERE p.CustomerId = Complaints.CustomerId AND (p.ReceivedAt < Complaints.ReceivedAt OR (p.ReceivedAt = Complaints.ReceivedAt AND p.Id < Complaints.Id))), NextOfCustomerAt = (SELECT MIN(n.ReceivedAt) FROM Complaints n WHERE n.CustomerId = Complaints.CustomerId AND (n.ReceivedAt > Complaints.ReceivedAt OR (n.ReceivedAt = Complaints.ReceivedAt AND n.Id > Complaints.Id)));
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127201910_RepeatCustomerNeighbours'
)
BEGIN
    CREATE INDEX [IX_Complaints_RepeatCustomers] ON [Complaints] ([ReceivedAt], [PreviousOfCustomerAt], [NextOfCustomerAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127201910_RepeatCustomerNeighbours'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127201910_RepeatCustomerNeighbours', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128015407_ComplaintsByCustomerAndProduct'
)
BEGIN
    DROP INDEX [IX_Complaints_CustomerId] ON [Complaints];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128015407_ComplaintsByCustomerAndProduct'
)
BEGIN
    CREATE INDEX [IX_Complaints_CustomerId_ProductKey] ON [Complaints] ([CustomerId], [ProductKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128015407_ComplaintsByCustomerAndProduct'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261128015407_ComplaintsByCustomerAndProduct', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202091820_ResolutionGrantedAtStore'
)
BEGIN
    ALTER TABLE [Complaints] ADD [GrantedAtStoreId] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202091820_ResolutionGrantedAtStore'
)
BEGIN
    UPDATE [Complaints] SET [GrantedAtStoreId] = [StoreId] WHERE [ResolvedAt] IS NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202091820_ResolutionGrantedAtStore'
)
BEGIN
    DROP INDEX [IX_Complaints_Goodwill] ON [Complaints];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202091820_ResolutionGrantedAtStore'
)
BEGIN
    CREATE INDEX [IX_Complaints_Goodwill] ON [Complaints] ([ResolvedAt]) INCLUDE ([GrantedAtStoreId], [ResolutionAmountCents]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202091820_ResolutionGrantedAtStore'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202091820_ResolutionGrantedAtStore', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202094127_InboundEmailErasure'
)
BEGIN
    ALTER TABLE [InboundEmails] ADD [EraseRequestedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202094127_InboundEmailErasure'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202094127_InboundEmailErasure', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202110338_CoSignPin'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [CoSignPinFailures] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202110338_CoSignPin'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [CoSignPinHash] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202110338_CoSignPin'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202110338_CoSignPin', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202123909_BusinessCalendars'
)
BEGIN
    ALTER TABLE [Stores] ADD [Country] nvarchar(32) NOT NULL DEFAULT N'Netherlands';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202123909_BusinessCalendars'
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
    WHERE [MigrationId] = N'20261202123909_BusinessCalendars'
)
BEGIN
    CREATE INDEX [IX_ClosingDays_Date_StoreId] ON [ClosingDays] ([Date], [StoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202123909_BusinessCalendars'
)
BEGIN
    CREATE INDEX [IX_ClosingDays_StoreId] ON [ClosingDays] ([StoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202123909_BusinessCalendars'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202123909_BusinessCalendars', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202130934_PromisedDates'
)
BEGIN
    ALTER TABLE [Complaints] ADD [ExtensionReason] nvarchar(500) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202130934_PromisedDates'
)
BEGIN
    ALTER TABLE [Complaints] ADD [RespondBy] date NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202130934_PromisedDates'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202130934_PromisedDates', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202134403_Escalation'
)
BEGIN
    ALTER TABLE [Complaints] ADD [EscalatedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202134403_Escalation'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202134403_Escalation', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202155040_PromiseRegimes'
)
BEGIN
    ALTER TABLE [OrganisationSettings] ADD [Regime] nvarchar(32) NOT NULL DEFAULT N'Retail';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202155040_PromiseRegimes'
)
BEGIN
    ALTER TABLE [OrganisationSettings] ADD [RegimesJson] nvarchar(2000) NOT NULL DEFAULT N'{}';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202155040_PromiseRegimes'
)
BEGIN
    ALTER TABLE [Complaints] ADD [ClockPausedSince] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202155040_PromiseRegimes'
)
BEGIN
    ALTER TABLE [Complaints] ADD [PromiseKept] bit NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202155040_PromiseRegimes'
)
BEGIN
    ALTER TABLE [Complaints] ADD [Regime] nvarchar(32) NOT NULL DEFAULT N'Retail';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202155040_PromiseRegimes'
)
BEGIN
    CREATE INDEX [IX_Complaints_Overdue] ON [Complaints] ([Status], [RespondBy]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202155040_PromiseRegimes'
)
BEGIN
    CREATE INDEX [IX_Complaints_PromisesKept] ON [Complaints] ([RespondBy], [StoreId], [Regime], [PromiseKept]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202155040_PromiseRegimes'
)
BEGIN
    UPDATE Complaints SET PromiseKept = CASE WHEN CAST(ResolvedAt AS date) <= RespondBy THEN 1 ELSE 0 END WHERE RespondBy IS NOT NULL AND ResolvedAt IS NOT NULL
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202155040_PromiseRegimes'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202155040_PromiseRegimes', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202162421_ApiKeyStores'
)
BEGIN
    ALTER TABLE [ApiKeys] ADD [StoreIds] nvarchar(max) NOT NULL DEFAULT N'[]';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202162421_ApiKeyStores'
)
BEGIN
    CREATE INDEX [IX_TimelineEvents_OccurredAt_ComplaintId] ON [TimelineEvents] ([OccurredAt], [ComplaintId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202162421_ApiKeyStores'
)
BEGIN
    UPDATE ApiKeys SET Scopes = Scopes | 4 WHERE (Scopes & 2) = 2
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202162421_ApiKeyStores'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202162421_ApiKeyStores', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202164001_Webhooks'
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
    WHERE [MigrationId] = N'20261202164001_Webhooks'
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
    WHERE [MigrationId] = N'20261202164001_Webhooks'
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
    WHERE [MigrationId] = N'20261202164001_Webhooks'
)
BEGIN
    CREATE INDEX [IX_WebhookAttempts_DeliveryId] ON [WebhookAttempts] ([DeliveryId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202164001_Webhooks'
)
BEGIN
    CREATE INDEX [IX_WebhookAttempts_EndpointId_Id] ON [WebhookAttempts] ([EndpointId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202164001_Webhooks'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_DeliveredAt_GivenUpAt_AvailableAt] ON [WebhookDeliveries] ([DeliveredAt], [GivenUpAt], [AvailableAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202164001_Webhooks'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_EndpointId_Id] ON [WebhookDeliveries] ([EndpointId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202164001_Webhooks'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202164001_Webhooks', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202165735_ScheduledReports'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD [NoReportEmails] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202165735_ScheduledReports'
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
    WHERE [MigrationId] = N'20261202165735_ScheduledReports'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ReportDispatches_Kind_From_StaffUserId] ON [ReportDispatches] ([Kind], [From], [StaffUserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202165735_ScheduledReports'
)
BEGIN
    CREATE INDEX [IX_ReportDispatches_SentAt_AvailableAt] ON [ReportDispatches] ([SentAt], [AvailableAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202165735_ScheduledReports'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202165735_ScheduledReports', N'10.0.14');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202170509_HelpdeskImport'
)
BEGIN
    ALTER TABLE [Complaints] ADD [ExternalId] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202170509_HelpdeskImport'
)
BEGIN
    ALTER TABLE [Complaints] ADD [ExternalSource] nvarchar(32) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202170509_HelpdeskImport'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Complaints_ExternalSource_ExternalId] ON [Complaints] ([ExternalSource], [ExternalId]) WHERE "ExternalSource" IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202170509_HelpdeskImport'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202170509_HelpdeskImport', N'10.0.14');
END;

COMMIT;
GO

