using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using HealthAccord.Data.Accounts;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Tests.Account;
using HealthAccord.Tests.History;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Outbreaks.Responses;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Outbreaks;

/// <summary>The outbreak pages as visitors, editors and funders use them, the signed-link page, the Atom feed and the event stream.</summary>
public sealed class OutbreakPageTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly HttpClient _visitor = factory.CreateClient();

    private string LinkTo(TestFunder funder) => factory.Services.GetRequiredService<ResponseLinks>().CreatePath(funder.ResponseId);

    [Fact]
    public async Task The_list_shows_each_outbreak_with_its_status_and_links_its_feed()
    {
        var outbreak = await OutbreakData.CreateAsync(factory, hoursAgo: 37);

        var page = await _visitor.GetPageAsync("/outbreaks");

        Assert.Equal("/outbreaks/feed.atom", page.QuerySelector("link[rel=alternate][type='application/atom+xml']")?.GetAttribute("href"));
        var row = page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector($"a[href='{outbreak.Page}']") is not null);
        Assert.Contains("37 h 00 min", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("At risk", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Active", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_outbreak_page_shows_the_declaration_the_board_the_rules_and_a_place_for_the_briefing()
    {
        var outbreak = await OutbreakData.CreateAsync(factory, hoursAgo: 50, funders: 2);

        var page = await _visitor.GetPageAsync(outbreak.Page);

        Assert.Equal(outbreak.Title, page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("Rwanda", page.QuerySelector("#declaration-title")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#briefing"));
        Assert.Contains("No more than", page.QuerySelector(".clock-rules")?.TextContent.Replace("or less", "No more than", StringComparison.Ordinal) ?? "",
            StringComparison.Ordinal);
        Assert.Equal("ReachedOnTime", page.QuerySelector("#milestone-all-funders-notified")?.GetAttribute("data-state"));
        Assert.Equal("Missed", page.QuerySelector("#milestone-convening-held")?.GetAttribute("data-state"));
        Assert.Contains("50 h 00 min since the trigger", page.QuerySelector("#board-elapsed")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.QuerySelectorAll("table.answers tbody tr").Length);
        Assert.Equal($"/outbreaks/{outbreak.Id}/events", page.QuerySelector("#clock")?.GetAttribute("data-events"));
        Assert.Contains("http-equiv=\"refresh\"", page.QuerySelector("noscript")?.InnerHtml, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*='handler=Convening'], #convening-title"));
    }

    [Fact]
    public async Task An_editor_records_the_convening_through_the_form_and_a_stale_form_saves_nothing()
    {
        var outbreak = await OutbreakData.CreateAsync(factory, hoursAgo: 20);
        var editor = await factory.SignInAsync(factory.CreateAccount(AccountRoles.Editor, [outbreak.PartnershipId], password: HistoryAccounts.Password));
        var page = await editor.GetPageAsync(outbreak.Page);
        var form = page.Form(outbreak.Page, "form[action*='handler=Convening']");
        var stale = page.Form(outbreak.Page, "form[action*='handler=Convening']");
        var convened = factory.Clock.GetUtcNow().UtcDateTime.AddHours(-2);
        form["Convening.ConvenedAt"] = convened.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        form["Convening.Note"] = "Funders met by video";

        var saved = await editor.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await OutbreakData.OutbreakAsync(factory, outbreak.Id);
        Assert.Equal(convened.AddSeconds(-convened.Second), stored.ConvenedAt);
        Assert.Equal("Funders met by video", stored.ConveningNote);

        stale["Convening.ConvenedAt"] = form["Convening.ConvenedAt"];
        stale["Convening.Note"] = "Another note";
        var conflict = await editor.SubmitAsync(stale);
        var conflictPage = await conflict.ReadPageAsync(HttpStatusCode.Conflict);
        Assert.Contains("changed after you opened this page", conflictPage.QuerySelector("[role=alert]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Funders met by video", (await OutbreakData.OutbreakAsync(factory, outbreak.Id)).ConveningNote);

        var bad = (await editor.GetPageAsync(outbreak.Page)).Form(outbreak.Page, "form[action*='handler=Convening']");
        bad["Convening.ConvenedAt"] = "yesterday";
        var badPage = await (await editor.SubmitAsync(bad)).ReadPageAsync(HttpStatusCode.OK);
        Assert.Contains("Use a date and time", badPage.FieldError("Convening.ConvenedAt"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_funder_answers_through_its_signed_link_without_an_account()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var funder = outbreak.Funders[0];
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var link = LinkTo(funder);
        var page = await client.GetPageAsync(link);
        Assert.Contains(funder.Name, page.QuerySelector("main")?.TextContent ?? page.Body!.TextContent, StringComparison.Ordinal);
        var form = page.Form(link);
        form["Form.WillJoinConvening"] = "yes";
        form["Form.Commitment"] = "InKind";
        form["Form.CommitmentNote"] = "Two field laboratories";

        var response = await client.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await OutbreakData.ResponseAsync(factory, funder.ResponseId);
        Assert.NotNull(stored.AcknowledgedAt);
        Assert.True(stored.WillJoinConvening);
        Assert.Equal(CommitmentKind.InKind, stored.Commitment);
        var step = stored.Steps.Single(s => s.Kind == ResponseStepKind.Committed);
        Assert.Equal(ResponseChannel.SignedLink, step.Channel);
        Assert.Equal($"{funder.Name}, through the link it was sent", step.ActorName);
        var thanks = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("your answers are recorded", thanks.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        var board = await _visitor.GetPageAsync(outbreak.Page);
        Assert.Contains("In-kind support", board.QuerySelector($"#response-{funder.ResponseId} .answer-commitment")?.TextContent, StringComparison.Ordinal);

        var invalid = (await client.GetPageAsync(link)).Form(link);
        invalid["Form.Commitment"] = "RepurposedFunds";
        invalid["Form.CommitmentAmount"] = "12,000";
        invalid["Form.CommitmentCurrency"] = "ABC";
        var invalidPage = await (await client.SubmitAsync(invalid)).ReadPageAsync(HttpStatusCode.OK);
        Assert.Contains("not an ISO 4217 currency code", invalidPage.FieldError("Form.CommitmentCurrency"), StringComparison.Ordinal);
        Assert.Equal(CommitmentKind.InKind, (await OutbreakData.ResponseAsync(factory, funder.ResponseId)).Commitment);
    }

    [Fact]
    public async Task A_wrong_link_is_a_clear_404_and_an_expired_one_says_how_to_answer_and_changes_nothing()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var funder = outbreak.Funders[1];
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var wrong = await client.GetPageAsync("/respond/not-a-real-link", HttpStatusCode.NotFound);
        Assert.Equal("This answer link is not valid", wrong.QuerySelector("h1")?.TextContent.Trim());

        var link = LinkTo(funder);
        var form = (await client.GetPageAsync(link)).Form(link);
        form["Form.Acknowledged"] = "true";
        factory.Clock.Advance(ResponseLinks.Lifetime + TimeSpan.FromMinutes(1));
        var expired = await client.GetPageAsync(link, HttpStatusCode.Gone);
        Assert.Equal("This answer link has expired", expired.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains("send a new link", expired.Body!.TextContent, StringComparison.Ordinal);

        var refused = await client.SubmitAsync(form);

        Assert.Equal(HttpStatusCode.Gone, refused.StatusCode);
        var stored = await OutbreakData.ResponseAsync(factory, funder.ResponseId);
        Assert.Null(stored.AcknowledgedAt);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task A_representative_answers_from_their_account_and_another_funders_representative_may_not()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var funder = outbreak.Funders[0];
        var representative = await factory.SignInAsync(factory.CreateAccount(AccountRoles.FunderRepresentative, organisation: funder.OrganisationId,
            password: HistoryAccounts.Password));
        var path = $"{outbreak.Page}/respond";
        Assert.NotNull((await representative.GetPageAsync(outbreak.Page)).QuerySelector($"a[href='{path}']"));
        var form = (await representative.GetPageAsync(path)).Form(path);
        form["Form.Commitment"] = "None";

        Assert.Equal(HttpStatusCode.Redirect, (await representative.SubmitAsync(form)).StatusCode);

        var stored = await OutbreakData.ResponseAsync(factory, funder.ResponseId);
        Assert.Equal(CommitmentKind.None, stored.Commitment);
        Assert.Equal(ResponseChannel.Account, stored.Steps.Single(s => s.Kind == ResponseStepKind.Committed).Channel);

        var other = await factory.SignInAsync(factory.CreateAccount(AccountRoles.FunderRepresentative, organisation: (await OutbreakData.CreateAsync(factory)).Funders[0].OrganisationId,
            password: HistoryAccounts.Password));
        var refused = await other.GetAsync(path, Ct);
        var location = refused.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : "";
        Assert.StartsWith("/account/denied", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_feed_is_valid_atom_with_declarations_and_milestones_reached_and_missed()
    {
        var outbreak = await OutbreakData.CreateAsync(factory, hoursAgo: 60);

        var response = await _visitor.GetAsync("/outbreaks/feed.atom", Ct);

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).Root!;
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(atom + "feed", feed.Name);
        foreach (var required in new[] { "id", "title", "updated", "author" }) Assert.NotNull(feed.Element(atom + required));
        Assert.Equal("self", feed.Elements(atom + "link").First().Attribute("rel")?.Value);
        var entries = feed.Elements(atom + "entry").ToList();
        Assert.All(entries, e =>
        {
            foreach (var required in new[] { "id", "title", "updated" }) Assert.False(string.IsNullOrWhiteSpace(e.Element(atom + required)?.Value));
            Assert.True(DateTimeOffset.TryParse(e.Element(atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.NotNull(e.Element(atom + "link")?.Attribute("href"));
        });
        Assert.Equal(entries.Count, entries.Select(e => e.Element(atom + "id")!.Value).Distinct().Count());
        var mine = entries.Where(e => e.Element(atom + "id")!.Value.StartsWith($"http://localhost{outbreak.Page}#", StringComparison.Ordinal))
            .ToDictionary(e => e.Element(atom + "id")!.Value[(e.Element(atom + "id")!.Value.IndexOf('#', StringComparison.Ordinal) + 1)..], e => e.Element(atom + "title")!.Value);
        Assert.Equal(["declared", "milestone-all-funders-notified", "milestone-convening-held", "milestone-first-commitment", "milestone-quorum-acknowledged"],
            mine.Keys.Order(StringComparer.Ordinal));
        Assert.Equal($"{outbreak.Title}: all funders notified after 1 hour (on time)", mine["milestone-all-funders-notified"]);
        Assert.Equal($"{outbreak.Title}: convening held missed", mine["milestone-convening-held"]);
    }

    [Fact]
    public async Task The_event_stream_sends_the_clock_then_a_change_when_a_funder_answers()
    {
        var outbreak = await OutbreakData.CreateAsync(factory);
        var funder = outbreak.Funders[0];
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{outbreak.Page}/events");
        using var response = await _visitor.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));

        async Task<(string Event, JsonObject Data)> NextAsync()
        {
            string? kind = null;
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal)) kind = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) return (kind!, JsonNode.Parse(line[6..])!.AsObject());
            }
            throw new InvalidOperationException("The stream ended.");
        }

        var first = await NextAsync();
        Assert.Equal("clock", first.Event);
        Assert.Equal(1, (int)first.Data["version"]!);

        var representative = factory.CreateClientAs(AccountRoles.FunderRepresentative, organisation: funder.OrganisationId);
        await (await representative.PostJsonAsync($"{outbreak.ApiUrl}/responses/{funder.ResponseId}",
            new JsonObject { ["commitment"] = "newCall" })).AssertStatusAsync(HttpStatusCode.OK);

        var next = await NextAsync();
        Assert.Equal("change", next.Event);
        var commitment = next.Data["milestones"]!.AsArray().Single(m => (string?)m!["kind"] == "firstCommitment")!;
        Assert.Equal("reachedOnTime", (string?)commitment["state"]);
    }
}
