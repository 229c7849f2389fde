using System.Collections.Concurrent;
using System.Net;
using HealthAccord.Web.Outbreaks.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HealthAccord.Tests.Outbreaks.Notifications;

/// <summary>One POST the receiver got, with whether its signature held for the secret of the hook it was sent to.</summary>
public sealed record ReceivedWebhook(string Hook, string DeliveryKey, string Timestamp, string Body, bool SignatureValid, int Answered);

/// <summary>
/// A webhook receiver on real Kestrel at a loopback port, as a funder would run one: each hook (<c>/hooks/{name}</c>)
/// has its own secret and its own behaviour, which answers each call by its number (1 for the first), so a test can
/// make a hook fail twice and then accept. Every request is kept, accepted or not.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Secret, Func<int, int> Answer, TimeSpan Delay)> _hooks = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/hooks/{name}", async (string name, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            if (!_hooks.TryGetValue(name, out var hook)) return Results.NotFound();
            var call = _calls.AddOrUpdate(name, 1, (_, n) => n + 1);
            var timestamp = request.Headers[WebhookSignature.TimestampHeader].ToString();
            var valid = WebhookSignature.Verify(hook.Secret, timestamp, body, request.Headers[WebhookSignature.SignatureHeader].ToString());
            if (hook.Delay > TimeSpan.Zero) await Task.Delay(hook.Delay);
            // A receiver that checks signatures refuses a forged call; the tests then see it as a 401 and a failure.
            var status = valid ? hook.Answer(call) : StatusCodes.Status401Unauthorized;
            _received.Enqueue(new ReceivedWebhook(name, request.Headers[WebhookSignature.DeliveryHeader].ToString(), timestamp, body, valid, status));
            return Results.StatusCode(status);
        });
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver._app.StartAsync();
        return receiver;
    }

    public Uri BaseAddress => new(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>Adds a hook and returns its address; by default it accepts every call.</summary>
    public string Hook(string name, string secret, Func<int, int>? answer = null, TimeSpan delay = default)
    {
        _hooks[name] = (secret, answer ?? (_ => StatusCodes.Status200OK), delay);
        return new Uri(BaseAddress, $"/hooks/{name}").ToString();
    }

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public IReadOnlyList<ReceivedWebhook> Accepted => [.. _received.Where(r => r.Answered is >= 200 and < 300)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
