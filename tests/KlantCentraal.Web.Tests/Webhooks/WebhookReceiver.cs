using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace KlantCentraal.Web.Tests.Webhooks;

/// <summary>
/// A real receiver for the webhook tests: Kestrel on a loopback port, which checks each request's signature with the
/// StandardWebhooks library (not our own code) and answers as the test says (a status, after a delay).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = string.Empty;

    /// <summary>The signing secret to check with, once the endpoint is registered.</summary>
    public string? Secret { get; set; }

    /// <summary>What the receiver answers next.</summary>
    public int Status { get; set; } = StatusCodes.Status200OK;

    public TimeSpan Delay { get; set; }

    public ConcurrentQueue<Received> Requests { get; } = new();

    public sealed record Received(string Id, string ContentType, JsonElement Event, bool SignatureValid, string Body);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            bool valid;
            try
            {
                new StandardWebhook(receiver.Secret ?? "whsec_" + Convert.ToBase64String(new byte[32])).Verify(body, request.Headers);
                valid = true;
            }
            catch (WebhookVerificationException)
            {
                valid = false;
            }

            receiver.Requests.Enqueue(new Received(request.Headers["webhook-id"].ToString(), request.ContentType ?? string.Empty, JsonDocument.Parse(body).RootElement.Clone(), valid, body));
            if (receiver.Delay > TimeSpan.Zero)
            {
                await Task.Delay(receiver.Delay, request.HttpContext.RequestAborted);
            }

            return Results.Text($"ontvangen {receiver.Status}", statusCode: receiver.Status);
        });
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
