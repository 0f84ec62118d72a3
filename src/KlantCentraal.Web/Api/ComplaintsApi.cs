using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using KlantCentraal.Domain;
using KlantCentraal.Web.Auditing;
using KlantCentraal.Web.Complaints;
using KlantCentraal.Web.Data;
using KlantCentraal.Web.Forms;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.OpenApi;

namespace KlantCentraal.Web.Api;

/// <summary>
/// The JSON API for integrations: create complaints (with or without an immediate resolution, under the same
/// policy as the desk) and read their status. Authenticated with API keys; idempotent creates; the same
/// validation messages as the forms.
/// </summary>
public static class ComplaintsApi
{
    public const string ReadPolicy = "Api.ReadComplaints";
    public const string CreatePolicy = "Api.CreateComplaints";
    public const string MessagePolicy = "Api.AddMessages";

    /// <summary>The stores a key is bound to (issue 29); null: every store, and complaints without one.</summary>
    public static IReadOnlyList<int>? StoresOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var ids = user.FindAll(ApiKeyAuthentication.StoreClaim).Select(c => int.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return ids.Count == 0 ? null : ids;
    }

    /// <summary>The complaints a key reaches: a store-bound key only its stores'; another complaint is answered 404, as if it did not exist.</summary>
    public static IQueryable<Complaint> Reachable(this IQueryable<Complaint> complaints, ClaimsPrincipal user) =>
        StoresOf(user) is { } stores ? complaints.Where(c => c.StoreId != null && stores.Contains(c.StoreId.Value)) : complaints;
    public const string RateLimitPolicy = "api";
    public const string BearerScheme = "Bearer";

    /// <summary>Problem types of the API's own errors; the rest use the RFC 9110 section of their status code.</summary>
    public const string ProblemTypeBase = "https://klantcentraal.nl/problems/";

    /// <summary>The OpenAPI document (with its bearer security scheme), problem details, and no exception pages for bad JSON.</summary>
    public static IServiceCollection AddComplaintsApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // A body that is not JSON, or a field of the wrong type, is a 400 problem, not an exception page.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        services.AddSingleton<ApiKeyFailures>();
        services.AddScoped<ApiKeyRegistry>();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, context, _) =>
        {
            document.Info.Title = "KlantCentraal API";
            document.Info.Description = "Create complaints and read their status. Authenticate with an API key from the administrators: 'Authorization: Bearer kc_...'. Every error is application/problem+json.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "kc_...",
                Description = "An API key made by an administrator at /Admin/ApiKeys.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
            document.Info.License = new OpenApiLicense { Name = "Proprietary (KlantCentraal)", Url = new Uri("https://klantcentraal.nl/") };
            // The organisation's public address, without the trailing slash a server URL must not have.
            var links = context.ApplicationServices.GetRequiredService<Organisation.PublicLinks>();
            document.Servers = [new OpenApiServer { Url = links.Base.AbsoluteUri.TrimEnd('/'), Description = "This KlantCentraal" }];
            foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
            {
                tag.Description = tag.Name switch
                {
                    "Complaints" => "Create complaints, list and read them, and carry on the conversation with the customer.",
                    "Investigations" => "Root-cause investigations: what the managers find and improve after complaints were resolved.",
                    "Customers" => "Customers by e-mail address or phone number, with their complaints.",
                    "Stores" => "The chain's stores and their codes.",
                    _ => tag.Description,
                };
            }

            return Task.CompletedTask;
        }).AddOperationTransformer((operation, context, _) =>
        {
            // The message is multipart: its text and its files, each described (not one binary string).
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().Any(n => n.EndpointName == "AddMessage"))
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["multipart/form-data"] = new()
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Properties = new Dictionary<string, IOpenApiSchema>
                                {
                                    ["text"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = ComplaintMessage.BodyMaxLength, Description = "The customer's words; may be empty when files are sent." },
                                    ["files"] = new OpenApiSchema { Type = JsonSchemaType.Array, MaxItems = 5, Description = "Up to five photos (JPEG, PNG, WebP) or PDFs.", Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                                },
                            },
                        },
                    },
                };
            }

            return Task.CompletedTask;
        }));
        return services;
    }

    public static bool IsApiRequest(HttpContext http) => http.Request.Path.StartsWithSegments("/api/v1");

    /// <summary>
    /// An error status without a body on the API (401 from a missing key, 400 from unreadable JSON, 404, 405, 415,
    /// 429) becomes application/problem+json with a stable type and a plain explanation.
    /// </summary>
    public static async Task WriteStatusProblemAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var status = http.Response.StatusCode;
        var (title, detail) = status switch
        {
            StatusCodes.Status400BadRequest when HttpMethods.IsGet(http.Request.Method) => (t["Onleesbare aanvraag"].Value, t["Een parameter in het adres heeft een waarde die we niet kunnen lezen: een datum als 2026-12-01T00:00:00Z, een status of kanaal zoals in het OpenAPI-document (/openapi/v1.json)."].Value),
            StatusCodes.Status400BadRequest => (t["Onleesbare aanvraag"].Value, t["De body is geen geldige JSON, of een veld heeft het verkeerde type. Stuur een JSON-object zoals in het OpenAPI-document (/openapi/v1.json)."].Value),
            StatusCodes.Status401Unauthorized => (t["Niet aangemeld"].Value, t["Stuur een geldige API-sleutel mee: 'Authorization: Bearer kc_...'. Een beheerder maakt sleutels aan bij /Admin/ApiKeys."].Value),
            StatusCodes.Status403Forbidden => (t["Niet toegestaan"].Value, t["Deze API-sleutel heeft niet de rechten voor deze aanvraag."].Value),
            StatusCodes.Status404NotFound => (t["Niet gevonden"].Value, t["Dit adres bestaat niet in de API. Zie /openapi/v1.json."].Value),
            StatusCodes.Status405MethodNotAllowed => (t["Methode niet toegestaan"].Value, t["Deze methode kan hier niet. Zie de Allow-header voor wat wel kan."].Value),
            StatusCodes.Status415UnsupportedMediaType when http.Request.Path.Value?.EndsWith("/messages", StringComparison.OrdinalIgnoreCase) == true =>
                (t["Verkeerd inhoudstype"].Value, t["Stuur het bericht als 'Content-Type: multipart/form-data', met de tekst als 'text' en foto's of pdf's als 'files'."].Value),
            StatusCodes.Status415UnsupportedMediaType => (t["Verkeerd inhoudstype"].Value, t["Stuur de body als JSON met 'Content-Type: application/json'."].Value),
            StatusCodes.Status429TooManyRequests => (t["Te veel aanvragen"].Value, t["Te veel aanvragen in korte tijd. Wacht een minuut en probeer het opnieuw."].Value),
            _ => (t["Fout"].Value, (string?)null),
        };
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = ProblemType(status) },
        });
    }

    /// <summary>An exception on the API: a plain 500 problem (the log has the details), never a stack trace.</summary>
    public static async Task WriteUnhandledProblemAsync(HttpContext http)
    {
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        http.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = t["Er ging iets mis"],
                Detail = t["Er ging bij ons iets mis. Probeer het later opnieuw; met dezelfde Idempotency-Key ontstaat geen tweede klacht."],
                Type = ProblemType(StatusCodes.Status500InternalServerError),
            },
        });
    }

    /// <summary>A stable type per status: the RFC 9110 section that defines it.</summary>
    public static string ProblemType(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        StatusCodes.Status401Unauthorized => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        StatusCodes.Status403Forbidden => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        StatusCodes.Status404NotFound => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        StatusCodes.Status405MethodNotAllowed => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        StatusCodes.Status415UnsupportedMediaType => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        StatusCodes.Status422UnprocessableEntity => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };

    public static IEndpointRouteBuilder MapComplaintsApi(this IEndpointRouteBuilder app)
    {
        // What routing cannot say by itself here (the site-wide friendly 404 would answer instead): a wrong
        // method is 405 with Allow, a POST that is not JSON is 415, an unknown API address a 404 problem.
        app.MapMethods("/api/v1/complaints", [HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], (HttpContext http) => MethodNotAllowed(http, "GET, POST")).AllowAnonymous().ExcludeFromDescription();
        app.MapMethods("/api/v1/complaints/{code:minlength(1)}", [HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], (HttpContext http) => MethodNotAllowed(http, HttpMethods.Get)).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/api/v1/complaints", () => Results.StatusCode(StatusCodes.Status415UnsupportedMediaType)).WithOrder(1).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/api/v1/complaints/{code}/messages", () => Results.StatusCode(StatusCodes.Status415UnsupportedMediaType)).WithOrder(1).RequireAuthorization(MessagePolicy).ExcludeFromDescription();
        app.MapFallback("/api/{**rest}", () => Results.NotFound()).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/api/v1/stores", ListStoresAsync)
            .RequireAuthorization(ReadPolicy)
            .RequireRateLimiting(RateLimitPolicy)
            .WithTags("Stores")
            .WithName("ListStores")
            .WithSummary("The chain's stores with their codes (scope ReadComplaints).")
            .WithTags("Stores")
            .Produces<List<StoreDto>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        app.MapMethods("/api/v1/stores", [HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], (HttpContext http) => MethodNotAllowed(http, HttpMethods.Get)).AllowAnonymous().ExcludeFromDescription();

        var api = app.MapGroup("/api/v1/complaints").WithTags("Complaints").RequireRateLimiting(RateLimitPolicy);
        api.MapPost("/", CreateAsync)
            .RequireAuthorization(CreatePolicy)
            .WithName("CreateComplaint")
            .WithSummary("Record a complaint, and resolve it at once when a resolution is given.")
            .WithDescription("Send an Idempotency-Key header: repeating a request with the same key returns the complaint created the first time. Authenticate with 'Authorization: Bearer kc_...' (scope CreateComplaints).")
            .Produces<ComplaintStatusResponse>(StatusCodes.Status201Created)
            .Produces<ComplaintStatusResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/{code}", GetAsync)
            .RequireAuthorization(ReadPolicy)
            .WithName("GetComplaint")
            .WithSummary("The status of one complaint, by tracking code (scope ReadComplaints).")
            .WithDescription("Answers with an ETag; send it back as If-None-Match and an unchanged complaint is 304 without a body.")
            .Produces<ComplaintStatusResponse>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/{code}/messages", ListMessagesAsync)
            .RequireAuthorization(ReadPolicy)
            .WithName("ListMessages")
            .WithSummary("The conversation about a complaint, oldest first, with each message's attachments (scope ReadComplaints).")
            .Produces<List<MessageDto>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/{code}/messages", AddMessageAsync)
            .RequireAuthorization(MessagePolicy)
            .DisableAntiforgery()
            .WithName("AddMessage")
            .WithSummary("Add the customer's message, with up to five photos (JPEG, PNG, WebP) or PDFs as 'files' and the text as 'text' (multipart/form-data; scope AddMessages).")
            .Produces<MessageDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<IResult> ListMessagesAsync(string code, ClaimsPrincipal user, AppDbContext db, Conversations.ConversationDesk conversation, IStringLocalizer<SharedResource> t, CancellationToken cancellationToken)
    {
        var complaintId = TrackingCode.TryParse(code, out var parsed) ? await db.Complaints.Reachable(user).Where(c => c.TrackingCode == parsed!).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken) : null;
        if (complaintId is not { } id)
        {
            return Results.Problem(title: t["Niet gevonden"], detail: t["Er is geen klacht met deze volgcode."], statusCode: StatusCodes.Status404NotFound);
        }

        var view = await conversation.ReadAsync(id, cancellationToken);
        return Results.Ok(view.Messages.Select(m => MessageDto.From(m, view.Attachments[m.Id])).ToList());
    }

    private static async Task<IResult> AddMessageAsync(
        string code,
        HttpRequest request,
        ClaimsPrincipal user,
        AppDbContext db,
        Conversations.ConversationDesk conversation,
        Conversations.AttachmentRules attachments,
        IStringLocalizer<SharedResource> t,
        Localization.Formats formats,
        CancellationToken cancellationToken)
    {
        var complaintId = TrackingCode.TryParse(code, out var parsed)
            ? await db.Complaints.Reachable(user).Where(c => c.TrackingCode == parsed!).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken)
            : 0;
        var trackingCode = complaintId != 0 ? parsed!.Value : null;
        if (trackingCode is null)
        {
            return Results.Problem(title: t["Niet gevonden"], detail: t["Er is geen klacht met deze volgcode."], statusCode: StatusCodes.Status404NotFound);
        }

        if (!request.HasFormContentType)
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            // No boundary, a body cut off, too many parts or a part too large: the sender's mistake, said plainly.
            return Results.Problem(
                title: t["Onleesbare aanvraag"],
                detail: t["De multipart-body is niet compleet of niet geldig (grens, delen of grootte). Stuur hoogstens vijf bestanden als 'files' en de tekst als 'text'."],
                statusCode: StatusCodes.Status400BadRequest,
                type: ProblemType(StatusCodes.Status400BadRequest));
        }

        var text = form["text"].ToString();
        var errors = new Dictionary<string, string[]>();
        switch (ComplaintMessage.ProblemWith(text, withFiles: form.Files.Count > 0))
        {
            case DomainError.MessageEmpty:
                errors["text"] = [t["Schrijf uw bericht, of voeg een foto toe."]];
                break;
            case DomainError.TextTooLong:
                errors["text"] = [t["Uw bericht is te lang: gebruik hoogstens {0} tekens.", ComplaintMessage.BodyMaxLength]];
                break;
        }

        IReadOnlyList<Conversations.CheckedFile> files = [];
        if (errors.Count == 0)
        {
            var (passed, error) = await attachments.ReadAsync(form.Files, cancellationToken);
            if (error is not null)
            {
                errors["files"] = [error];
            }

            files = passed;
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var outcome = await conversation.ReceiveAsync(trackingCode, text, files, MessageChannel.Api, emailMessageId: null, confirm: null, cancellationToken);
        if (!outcome.IsDone)
        {
            return ApiOutcome.Problem(outcome, t, formats);
        }

        var view = await conversation.ReadAsync(complaintId, cancellationToken);
        var message = view.Messages.Single(m => m.Id == outcome.Id);
        return Results.Created($"/api/v1/complaints/{trackingCode}/messages", MessageDto.From(message, view.Attachments[message.Id]));
    }

    /// <summary>One message of the conversation. Direction: FromCustomer or ToCustomer.</summary>
    public sealed record MessageDto(int Id, string Direction, string Channel, string Author, string Text, DateTime At, IReadOnlyList<AttachmentDto> Attachments)
    {
        internal static MessageDto From(ComplaintMessage m, IEnumerable<Conversations.AttachmentInfo> attachments) =>
            new(m.Id, m.Direction.ToString(), m.Channel.ToString(), m.AuthorName, m.Body, m.At, attachments.Select(a => new AttachmentDto(a.Id, a.FileName, a.ContentType, a.Length)).ToList());
    }

    public sealed record AttachmentDto(int Id, string FileName, string ContentType, long Length);

    private static IResult MethodNotAllowed(HttpContext http, string allowed)
    {
        http.Response.Headers.Allow = allowed;
        return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
    }

    private static async Task<IResult> CreateAsync(
        [FromBody] CreateComplaint request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        ComplaintDesk desk,
        AuditLog audit,
        AppDbContext db,
        IValidator<CreateComplaint> validator,
        IStringLocalizer<SharedResource> t,
        Localization.Formats formats,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > 100)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = [t["Stuur een Idempotency-Key-header mee (hoogstens 100 tekens), zodat een herhaald verzoek geen tweede klacht maakt."]] });
        }

        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            return Results.ValidationProblem(validation.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()));
        }

        var keyId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        // Idempotency is per key: the same Idempotency-Key from another key (or another channel) is another request.
        var submission = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{keyId}:{idempotencyKey}"))[..16]);
        int? storeId = null;
        var keyStores = StoresOf(user);
        if (!string.IsNullOrWhiteSpace(request.StoreCode))
        {
            var code = Store.NormaliseCode(request.StoreCode);
            storeId = await db.Stores.Where(s => s.Code == code && s.ClosedAt == null).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
            if (storeId is null)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { [nameof(CreateComplaint.StoreCode)] = [t["Er is geen open winkel met deze code. GET /api/v1/stores geeft de codes."]] });
            }

            if (keyStores is not null && !keyStores.Contains(storeId.Value))
            {
                return Results.Problem(title: t["Niet toegestaan"], detail: t["Deze API-sleutel hoort bij andere winkels en maakt geen klachten voor deze winkel."], statusCode: StatusCodes.Status403Forbidden, type: ProblemType(StatusCodes.Status403Forbidden));
            }
        }
        else if (keyStores is not null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { [nameof(CreateComplaint.StoreCode)] = [t["Deze API-sleutel hoort bij een of meer winkels: stuur de storeCode van de winkel mee."]] });
        }

        // The same key with another body is a client's mistake, not a retry: answered 422 (IETF idempotency-key draft).
        if (await db.Complaints.AsNoTracking().Include(c => c.Customer).Where(c => c.SubmissionId == submission && c.SubmittedBy == keyId).FirstOrDefaultAsync(cancellationToken) is { } earlier
            && !IsSameRequest(earlier, request))
        {
            return Results.Problem(
                title: t["Idempotency-Key al gebruikt"],
                detail: t["Deze Idempotency-Key is al gebruikt voor een andere klacht. Gebruik een nieuwe sleutel voor een nieuw verzoek, en dezelfde alleen om precies hetzelfde verzoek te herhalen."],
                statusCode: StatusCodes.Status422UnprocessableEntity,
                type: ProblemTypeBase + "idempotency-key-reused");
        }

        var contact = new CustomerContact(request.CustomerName!, request.Email, request.Phone, request.Postcode);
        var details = new ComplaintDetails(request.Channel, request.Category, request.ProductName!, request.ArticleNumber, request.PurchaseDate, request.PurchasePlace, request.Receipt, request.Description!, request.DesiredOutcome, storeId);
        RecordedComplaint recorded;
        if (request.Resolution is { } resolution)
        {
            // No letter: the integration tells its customer itself (it has the tracking code in the answer).
            var outcome = await desk.RecordAndResolveAsync(new RecordAndResolve(submission, contact, details, resolution.ToGranted(), new StaffMember(keyId, user.Identity!.Name!)) { Client = keyId, Letter = null }, cancellationToken);
            if (!outcome.IsRecorded)
            {
                return ApiOutcome.Problem(outcome, t, formats);
            }

            recorded = outcome.Recorded;
        }
        else
        {
            var received = await desk.ReceiveAsync(new Receive(submission, keyId, contact, details) { Letter = null }, cancellationToken);
            if (!received.IsRecorded)
            {
                return ApiOutcome.Problem(received, t, formats);
            }

            recorded = received.Recorded;
            if (!recorded.AlreadyRecorded)
            {
                await audit.RecordNowAsync(AuditAction.ComplaintRecorded, nameof(Complaint), recorded.TrackingCode, "received", cancellationToken);
            }
        }

        var status = await StatusAsync(db, recorded.TrackingCode, cancellationToken);
        return recorded.AlreadyRecorded ? Results.Ok(status) : Results.Created($"/api/v1/complaints/{recorded.TrackingCode}", status);
    }

    /// <summary>Whether a repeated request asks for what the first one stored (its complaint's own facts).</summary>
    private static bool IsSameRequest(Complaint earlier, CreateComplaint request) =>
        earlier.Customer is { } customer
        && customer.Name == request.CustomerName?.Trim()
        && customer.Email == Customer.NormalizeEmail(request.Email)
        && earlier.Channel == request.Channel
        && earlier.Category == request.Category
        && earlier.ProductName == request.ProductName?.Trim()
        && earlier.Description == request.Description?.Trim()
        && earlier.DesiredOutcome == request.DesiredOutcome
        && (request.Resolution is not { } asked || (earlier.Resolution?.Type == asked.ResolutionType && earlier.Resolution.AmountCents == asked.ToGranted().Amount?.Cents));

    private static async Task<IResult> GetAsync(string code, ClaimsPrincipal user, HttpContext http, AppDbContext db, IStringLocalizer<SharedResource> t, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        var status = TrackingCode.TryParse(code, out var parsed) ? await StatusAsync(db, parsed!.Value, cancellationToken, db.Complaints.Reachable(user)) : null;
        if (status is null)
        {
            return Results.Problem(title: t["Niet gevonden"], detail: t["Er is geen klacht met deze volgcode."], statusCode: StatusCodes.Status404NotFound);
        }

        // A poller sends back the ETag it got: unchanged is 304 without a body.
        var etag = ListsApi.ETagOf(status, json.Value.SerializerOptions);
        http.Response.Headers.ETag = etag;
        return http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(tag => tag.Trim() == etag || tag.Trim() == "*"))
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Ok(status);
    }

    /// <summary>The status of a complaint among <paramref name="reachable"/> (a key's stores; every complaint when null).</summary>
    private static async Task<ComplaintStatusResponse?> StatusAsync(AppDbContext db, string trackingCode, CancellationToken cancellationToken, IQueryable<Complaint>? reachable = null)
    {
        var c = await (reachable ?? db.Complaints).AsNoTracking().Include(x => x.Investigation).FirstOrDefaultAsync(x => x.TrackingCode == Domain.TrackingCode.Parse(trackingCode), cancellationToken);
        return c is null
            ? null
            : new ComplaintStatusResponse(
                c.TrackingCodeDisplay,
                c.Status,
                c.Channel,
                c.ProductName,
                c.ReceivedAt,
                c.Resolution is { } r ? new ResolutionStatus(r.Type, r.AmountCents, r.RefundMethod, r.Note, r.GrantedByName, r.GrantedAt) : null,
                c.Investigation?.OwnerName,
                c.Status == Domain.ComplaintStatus.Closed ? c.Investigation?.ImprovementText : null,
                c.StoreId is { } storeId ? await db.Stores.Where(s => s.Id == storeId).Select(s => s.Code).FirstOrDefaultAsync(cancellationToken) : null);
    }

    /// <summary>The chain's stores, open and closed, by code: what an integration sends as storeCode.</summary>
    private static async Task<IResult> ListStoresAsync(AppDbContext db, CancellationToken cancellationToken) =>
        Results.Ok(await db.Stores.AsNoTracking().OrderBy(s => s.Code)
            .Select(s => new StoreDto(s.Code, s.Name, s.City, s.Address, s.Phone, s.Email, s.OpeningHoursText, s.ClosedAt == null))
            .ToListAsync(cancellationToken));

    /// <summary>A store. OpeningHours: "mo=09:00-18:00;tu=…;su=" (empty: closed that day).</summary>
    public sealed record StoreDto(string Code, string Name, string City, string? Address, string? Phone, string? Email, string OpeningHours, bool Open);

    /// <summary>The request to create a complaint. Enum values are their names, e.g. "Refund".</summary>
    public sealed class CreateComplaint : IComplaintFields, ICustomerFields
    {
        public string? CustomerName { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public string? Postcode { get; set; }

        public Channel Channel { get; set; } = Channel.Web;

        public ComplaintCategory Category { get; set; } = ComplaintCategory.ProductDefect;

        public string? ProductName { get; set; }

        public string? ArticleNumber { get; set; }

        public DateOnly? PurchaseDate { get; set; }

        public string? PurchasePlace { get; set; }

        public ReceiptStatus Receipt { get; set; } = ReceiptStatus.Unknown;

        public string? Description { get; set; }

        public ResolutionType DesiredOutcome { get; set; } = ResolutionType.Refund;

        /// <summary>Optional: the code of the store where it happened (GET /api/v1/stores).</summary>
        public string? StoreCode { get; set; }

        /// <summary>Optional: grant this resolution at once.</summary>
        public GrantResolution? Resolution { get; set; }
    }

    /// <summary>A resolution to grant at once. Amount as text in euros ("24.95" or "24,95").</summary>
    public sealed class GrantResolution : IResolutionFields
    {
        public ResolutionType ResolutionType { get; set; }

        public string? Amount { get; set; }

        public RefundMethod RefundMethod { get; set; } = RefundMethod.OriginalPayment;

        public string? ResolutionNote { get; set; }
    }

    public sealed class CreateComplaintValidator : AbstractValidator<CreateComplaint>
    {
        public CreateComplaintValidator(IStringLocalizer<SharedResource> t, Organisation.OrganisationCalendar calendar)
        {
            Include(new CustomerFieldsValidator(t));
            Include(new ComplaintFieldsValidator(t, calendar));
            RuleFor(x => x.DesiredOutcome).IsInEnum().WithMessage(_ => t["Kies wat de klant graag wil."]);
            RuleFor(x => x.Resolution!).SetValidator(new ResolutionFieldsValidator(t)).When(x => x.Resolution is not null);
        }
    }

    public sealed record ComplaintStatusResponse(
        string TrackingCode,
        ComplaintStatus Status,
        Channel Channel,
        string ProductName,
        DateTime ReceivedAt,
        ResolutionStatus? Resolution,
        string? InvestigatedBy,
        string? WhatWeImproved,
        string? StoreCode = null);

    public sealed record ResolutionStatus(ResolutionType Type, long? AmountCents, RefundMethod? RefundMethod, string? Note, string GrantedBy, DateTime GrantedAt);
}
