using KlantCentraal.Domain;
using Microsoft.OpenApi;

namespace KlantCentraal.Web.Api;

/// <summary>
/// The integrator API's registration (issue 42: apart from its resource groups, as TodoApi keeps it): the key
/// policies and rate limit by name, the OpenAPI document with its bearer scheme, problem details, and every group's
/// routes — <see cref="ComplaintsApi"/>, <see cref="MessagesApi"/>, <see cref="StoresApi"/>, <see cref="ListsApi"/> —
/// with the answers routing cannot give by itself (405 with Allow, 415, a 404 problem).
/// </summary>
public static class ApiServices
{
    public const string ReadPolicy = "Api.ReadComplaints";
    public const string CreatePolicy = "Api.CreateComplaints";
    public const string MessagePolicy = "Api.AddMessages";
    public const string RateLimitPolicy = "api";
    public const string BearerScheme = "Bearer";

    /// <summary>The OpenAPI document (with its bearer security scheme), problem details, and no exception pages for bad JSON.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
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

    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        // What routing cannot say by itself here (the site-wide friendly 404 would answer instead): a wrong
        // method is 405 with Allow, a POST that is not JSON is 415, an unknown API address a 404 problem.
        app.MapMethods("/api/v1/complaints", [HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], (HttpContext http) => ApiProblems.MethodNotAllowed(http, "GET, POST")).AllowAnonymous().ExcludeFromDescription();
        app.MapMethods("/api/v1/complaints/{code:minlength(1)}", [HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], (HttpContext http) => ApiProblems.MethodNotAllowed(http, HttpMethods.Get)).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/api/v1/complaints", () => Results.StatusCode(StatusCodes.Status415UnsupportedMediaType)).WithOrder(1).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/api/v1/complaints/{code}/messages", () => Results.StatusCode(StatusCodes.Status415UnsupportedMediaType)).WithOrder(1).RequireAuthorization(ApiServices.MessagePolicy).ExcludeFromDescription();
        app.MapFallback("/api/{**rest}", () => Results.NotFound()).AllowAnonymous().ExcludeFromDescription();

        app.MapMethods("/api/v1/stores", [HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], (HttpContext http) => ApiProblems.MethodNotAllowed(http, HttpMethods.Get)).AllowAnonymous().ExcludeFromDescription();

        app.MapComplaints();
        app.MapMessages();
        app.MapStores();
        app.MapListsApi();
        return app;
    }
}
