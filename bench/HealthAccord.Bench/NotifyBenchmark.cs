using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Data.Common;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Data.Registry;
using HealthAccord.Web.ApiTokens;
using HealthAccord.Web.Outbreaks.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using netDumbster.smtp;
using Spectre.Console;

namespace HealthAccord.Bench;

/// <summary>
/// The `notify` verb: an outbreak declared through the API of the app running as its own process, for a partnership of
/// N funders each with an alert address and a webhook, timed from the POST to the last alert received by the SMTP server
/// and the webhook receiver that run in this process. The practical limit in the same run: the same messages sent
/// straight from here with MailKit and HttpClient, with the same parallelism and no database in between.
/// </summary>
internal static class NotifyBenchmark
{
    public static Command Create()
    {
        var funders = new Option<int>("--funders") { Description = "Member funders of the partnership, each with an email and a webhook.", DefaultValueFactory = _ => 100 };
        var runs = new Option<int>("--runs") { Description = "Declarations (and baseline rounds); the median is reported.", DefaultValueFactory = _ => 5 };
        var command = new Command("notify", "Time from declaring an outbreak to the last of its alerts received, by email and webhook, beside sending them directly.")
        {
            funders, runs,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(funders), parse.GetValue(runs), ct));
        return command;
    }

    private const string Secret = "bench-webhook-secret";

    private static async Task<int> RunAsync(int funders, int runs, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("healthaccord-bench-notify-").FullName;
        var database = Path.Combine(folder, "notify.db");
        using var smtp = SimpleSmtpServer.Start();
        await using var receiver = await Receiver.StartAsync();
        try
        {
            var settings = new[]
            {
                "--Email:Smtp:Host=127.0.0.1", $"--Email:Smtp:Port={smtp.Configuration.Port}", "--Email:Smtp:Security=None",
                "--Email:From=HealthAccord <alerts@bench.example>", $"--Search:IndexPath={Path.Combine(folder, "index")}",
            };
            // The first start migrates and seeds the database; the bench's records are then written beside the seed.
            await (await AppProcess.StartAsync(database, ct, settings)).DisposeAsync();
            var (slug, token) = await PrepareAsync(database, funders, receiver.Url, ct);
            await using var app = await AppProcess.StartAsync(database, ct, settings);
            using var client = new HttpClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);

            var declared = new List<double>();
            var direct = new List<double>();
            var loads = new List<string>();
            for (var run = 1; run <= runs; run++)
            {
                var expected = funders;
                var watch = Stopwatch.StartNew();
                var response = await client.PostAsJsonAsync(app.BaseUrl + "/api/v1/outbreaks", Declaration(slug, run), ct);
                if (response.StatusCode != HttpStatusCode.Created)
                    throw new InvalidOperationException($"The declaration answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                await UntilAsync(() => smtp.ReceivedEmailCount >= expected && receiver.Count >= expected, ct);
                declared.Add(watch.Elapsed.TotalSeconds);

                var (emails, hooks) = (smtp.ReceivedEmailCount, receiver.Count);
                watch.Restart();
                await SendDirectlyAsync(smtp.Configuration.Port, receiver.Url, funders, run, ct);
                await UntilAsync(() => smtp.ReceivedEmailCount >= emails + funders && receiver.Count >= hooks + funders, ct);
                direct.Add(watch.Elapsed.TotalSeconds);
                // Each round counts from zero.
                smtp.ClearReceivedEmail();
                receiver.Reset();
                loads.Add(LoadAverage());
                AnsiConsole.MarkupLine($"[grey]run {run}/{runs}: declared to last alert {declared[^1]:F2} s, direct {direct[^1]:F2} s (load average {loads[^1]})[/]");
            }
            if (receiver.Forged > 0) throw new InvalidOperationException($"{receiver.Forged} webhook calls had a bad signature.");

            var table = new Table().AddColumns("", $"{funders} emails + {funders} webhooks (median of {runs})", "runs (s)");
            table.AddRow("Declaration POST to last alert received (app)", $"{Measure.Median(declared):F2} s", string.Join(" ", declared.Select(d => d.ToString("F2", CultureInfo.InvariantCulture))));
            table.AddRow("Same messages sent directly (MailKit + HttpClient, 16 at a time)", $"{Measure.Median(direct):F2} s", string.Join(" ", direct.Select(d => d.ToString("F2", CultureInfo.InvariantCulture))));
            AnsiConsole.Write(table);
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {string.Join(" / ", loads)}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
            return 0;
        }
        finally
        {
            SqliteCleanup();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void SqliteCleanup() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

    private static object Declaration(string slug, int run) => new
    {
        title = $"Benchmark outbreak {run}",
        pathogenCode = "marburg",
        countries = new[] { "RW" },
        triggeredAt = DateTimeOffset.UtcNow.AddMinutes(-30),
        whoGrading = "grade2",
        partnerships = new[] { slug },
        sources = new[] { new { url = "https://example.org/don", title = "Disease outbreak news" } },
    };

    private static async Task UntilAsync(Func<bool> done, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (!done())
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("Not every alert arrived within five minutes.");
            await Task.Delay(5, ct);
        }
    }

    /// <summary>The partnership, its funders with their contacts, and an administrator's API token, written into the database.</summary>
    private static async Task<(string Slug, string Token)> PrepareAsync(string database, int funders, string webhookUrl, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<HealthAccordDbContext>().UseSqlite($"Data Source={database}").Options;
        await using var db = new HealthAccordDbContext(options);
        List<SourceReference> Source() => [new() { Url = "https://example.org/bench", Title = "Benchmark" }];
        var slug = "bench-notify";
        var partnership = new Partnership { Slug = slug, Acronym = "BENCH", Name = "Benchmark partnership", Summary = "Funders alerted by the benchmark.", Sources = Source() };
        var organisations = Enumerable.Range(0, funders).Select(i => new Organisation { Name = $"Benchmark funder {i:D4}", CountryCode = "NO", Sources = Source() }).ToList();
        db.Add(partnership);
        db.AddRange(organisations);
        db.AddRange(organisations.Select(o => new Membership { Partnership = partnership, Organisation = o, Role = MembershipRole.Member, Sources = Source() }));
        await db.SaveChangesAsync(ct);
        db.FunderContacts.AddRange(organisations.Select(o => new FunderContact
        {
            OrganisationId = o.Id,
            Email = $"funder-{o.Id}@bench.example",
            WebhookUrl = webhookUrl,
            WebhookSecret = Secret,
            UpdatedAt = DateTime.UtcNow,
        }));

        var email = "bench-admin@bench.example";
        var normalizer = new UpperInvariantLookupNormalizer();
        var user = new HealthAccordUser
        {
            UserName = email,
            NormalizedUserName = normalizer.NormalizeName(email),
            Email = email,
            NormalizedEmail = normalizer.NormalizeEmail(email),
            EmailConfirmed = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            DisplayName = "Benchmark",
            CreatedAt = DateTime.UtcNow,
        };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = db.Roles.Single(r => r.Name == AccountRoles.Administrator).Id });
        var token = ApiTokenSecret.NewText();
        db.ApiTokens.Add(new ApiToken
        {
            UserId = user.Id,
            Name = "benchmark",
            Hash = ApiTokenSecret.Hash(token),
            Prefix = ApiTokenSecret.PrefixOf(token),
            CreatedAt = DateTime.UtcNow,
            ExpiresAt = DateTime.UtcNow.AddDays(1),
        });
        await db.SaveChangesAsync(ct);
        return (slug, token);
    }

    /// <summary>The baseline: each email on its own SMTP connection and each webhook POST signed, as the app sends them, 16 at a time.</summary>
    private static async Task SendDirectlyAsync(int smtpPort, string webhookUrl, int funders, int run, CancellationToken ct)
    {
        using var http = new HttpClient();
        var messages = Enumerable.Range(0, funders).SelectMany(i => new[] { (Email: true, Index: i), (Email: false, Index: i) });
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (m, token) =>
        {
            var body = $"{{\"outbreakId\":{run},\"funder\":{m.Index},\"direct\":true}}";
            if (m.Email)
            {
                using var mime = new MimeMessage();
                mime.From.Add(MailboxAddress.Parse("HealthAccord <alerts@bench.example>"));
                mime.To.Add(MailboxAddress.Parse($"direct-{m.Index}@bench.example"));
                mime.Subject = "Outbreak declared";
                mime.Body = new TextPart("plain") { Text = body };
                using var client = new SmtpClient();
                await client.ConnectAsync("127.0.0.1", smtpPort, SecureSocketOptions.None, token);
                await client.SendAsync(mime, token);
                await client.DisconnectAsync(true, token);
                return;
            }
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, webhookUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add(WebhookSignature.DeliveryHeader, $"direct/{run}/{m.Index}");
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp);
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(Secret, timestamp, body));
            (await http.SendAsync(request, token)).EnsureSuccessStatusCode();
        });
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    /// <summary>A webhook receiver that checks each signature, as a funder's would, and counts the calls.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _count;
        private int _forged;

        private Receiver(WebApplication app) => _app = app;

        public int Count => Volatile.Read(ref _count);
        public int Forged => Volatile.Read(ref _forged);

        public string Url => new Uri(new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()), "/hook").ToString();

        public void Reset() => Volatile.Write(ref _count, 0);

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/hook", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync();
                if (!WebhookSignature.Verify(Secret, request.Headers[WebhookSignature.TimestampHeader].ToString(), body,
                        request.Headers[WebhookSignature.SignatureHeader].ToString()))
                {
                    Interlocked.Increment(ref receiver._forged);
                    return Results.StatusCode(StatusCodes.Status401Unauthorized);
                }
                Interlocked.Increment(ref receiver._count);
                return Results.Ok();
            });
            await app.StartAsync();
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
