using System.Globalization;
using System.Net;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Tests.Outbreaks;
using HealthAccord.Web.Outbreaks.Responses;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Authorization;

/// <summary>
/// The outbreak pages' cells of the page matrix. Their rules are not the registry's: the convening and the close are
/// for editors of a partnership the outbreak concerns; the answer form is for the representative of the funder asked
/// (an administrator answers through the API, as no organisation is theirs); an answer given by phone or email is written
/// down by the same editors who steer the response; the signed-link page is open to anyone holding a valid link, and only
/// to them.
/// </summary>
public sealed partial class PageWriteMatrixTests
{
    // A property, not a field: the handler list of the other part of this class is built from it, and the order in which
    // the parts' static fields start is not one to rely on.
    private static Dictionary<string, string> OutbreakHandlers => new(StringComparer.Ordinal)
    {
        ["Outbreaks/DetailsModel.OnPostConveningAsync"] = nameof(The_outbreak_forms_admit_exactly_the_callers_their_rules_name),
        ["Outbreaks/DetailsModel.OnPostClearConveningAsync"] = nameof(The_outbreak_forms_admit_exactly_the_callers_their_rules_name),
        ["Outbreaks/DetailsModel.OnPostCloseAsync"] = nameof(The_outbreak_forms_admit_exactly_the_callers_their_rules_name),
        ["Outbreaks/AnswerModel.OnPostAsync"] = nameof(The_outbreak_forms_admit_exactly_the_callers_their_rules_name),
        ["Outbreaks/RecordAnswerModel.OnPostAsync"] = nameof(The_outbreak_forms_admit_exactly_the_callers_their_rules_name),
        ["Outbreaks/RespondModel.OnPostAsync"] = nameof(The_signed_link_form_admits_anyone_with_a_valid_link_and_nobody_without),
    };

    private sealed record OutbreakCell(string Path, Func<WriteWorld, Dictionary<string, string>> Fields, Func<Caller, bool> Allowed);

    private static readonly Dictionary<string, OutbreakCell> OutbreakCells = new(StringComparer.Ordinal)
    {
        ["convening"] = new("/outbreaks/{0}?handler=Convening", _ => new()
        {
            ["Convening.ConvenedAt"] = HealthAccordFactory.Now.UtcDateTime.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["Convening.Note"] = "Met by video",
            ["Convening.Version"] = "1",
        }, c => c is Caller.Administrator or Caller.EditorOfThePartnership),
        // The world's outbreak was convened two hours before the clock, so there is a convening to clear.
        ["clear convening"] = new("/outbreaks/{0}?handler=ClearConvening", _ => new() { ["Convening.Version"] = "1" },
            c => c is Caller.Administrator or Caller.EditorOfThePartnership),
        ["close"] = new("/outbreaks/{0}?handler=Close", _ => new() { ["ConfirmClose"] = "true", ["CloseVersion"] = "1" },
            c => c is Caller.Administrator or Caller.EditorOfThePartnership),
        ["answer"] = new("/outbreaks/{0}/respond", _ => new() { ["Form.Acknowledged"] = "true", ["Form.Version"] = "1" }, c => c is Caller.RepresentativeOfTheOrganisation),
        ["answer recorded by staff"] = new("/outbreaks/{0}/responses/{1}/record",
            _ => new() { ["Channel"] = "phone", ["Form.Acknowledged"] = "true", ["Form.Version"] = "1" },
            c => c is Caller.Administrator or Caller.EditorOfThePartnership),
    };

    [Fact]
    public async Task The_outbreak_forms_admit_exactly_the_callers_their_rules_name()
    {
        var failures = new List<string>();
        foreach (var (name, cell) in OutbreakCells)
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                var world = await WriteWorld.CreateAsync(factory, withOutbreak: true);
                var client = await ClientOfAsync(caller, world);
                var fields = cell.Fields(world);
                fields["__RequestVerificationToken"] = await TokenOfAsync(client, caller);
                var path = string.Format(CultureInfo.InvariantCulture, cell.Path, world.OutbreakId, world.ResponseId);
                var before = world.Snapshot(factory);

                using var body = new FormUrlEncodedContent(fields);
                var response = await client.PostAsync(path, body, Ct);

                var after = world.Snapshot(factory);
                var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : "";
                var label = $"{name} as {caller} (POST {path})";
                if (cell.Allowed(caller))
                {
                    if (response.StatusCode != HttpStatusCode.Redirect || location.StartsWith("/account/", StringComparison.Ordinal))
                        failures.Add($"{label}: expected success, got {(int)response.StatusCode} {location}");
                    else if (before == after) failures.Add($"{label}: answered {(int)response.StatusCode} but changed nothing");
                    continue;
                }
                var expected = caller == Caller.Anonymous ? "/account/signin" : "/account/denied";
                if (!location.StartsWith(expected, StringComparison.Ordinal) && !(caller != Caller.Anonymous && response.StatusCode == HttpStatusCode.Forbidden))
                    failures.Add($"{label}: expected a redirect to {expected}, got {(int)response.StatusCode} {location}");
                if (before != after) failures.Add($"{label}: refused, yet the data changed:\n  before {before}\n  after  {after}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_signed_link_form_admits_anyone_with_a_valid_link_and_nobody_without()
    {
        var world = await WriteWorld.CreateAsync(factory, withOutbreak: true);
        var links = factory.Services.GetRequiredService<ResponseLinks>();
        var valid = links.CreateToken(world.ResponseId!.Value);
        string[] refusedTokens = ["not-a-token", valid[..^3] + (valid[^3] == 'A' ? "B" : "A") + valid[^2..], "x" + valid];
        var failures = new List<string>();

        foreach (var token in refusedTokens)
        {
            var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
            var fields = new Dictionary<string, string>
            {
                ["Form.Acknowledged"] = "true",
                ["Form.Version"] = "1",
                ["__RequestVerificationToken"] = await TokenOfAsync(client, Caller.Anonymous),
            };
            var before = world.Snapshot(factory);
            using var body = new FormUrlEncodedContent(fields);
            var response = await client.PostAsync("/respond/" + Uri.EscapeDataString(token), body, Ct);
            if (response.StatusCode != HttpStatusCode.NotFound) failures.Add($"token {token[..Math.Min(12, token.Length)]}…: {(int)response.StatusCode}, expected 404");
            if (before != world.Snapshot(factory)) failures.Add($"token {token[..Math.Min(12, token.Length)]}…: refused, yet the data changed");
        }

        // Whoever holds a valid link may use it, signed in or not: the link, not the account, is what is checked.
        foreach (var caller in Enum.GetValues<Caller>())
        {
            var linked = await WriteWorld.CreateAsync(factory, withOutbreak: true);
            var client = await ClientOfAsync(caller, linked);
            var fields = new Dictionary<string, string>
            {
                ["Form.Acknowledged"] = "true",
                ["Form.Version"] = "1",
                ["__RequestVerificationToken"] = await TokenOfAsync(client, caller),
            };
            var before = linked.Snapshot(factory);
            using var body = new FormUrlEncodedContent(fields);
            var response = await client.PostAsync("/respond/" + Uri.EscapeDataString(links.CreateToken(linked.ResponseId!.Value)), body, Ct);
            if (response.StatusCode != HttpStatusCode.Redirect) failures.Add($"a valid link as {caller}: {(int)response.StatusCode}, expected a redirect");
            if (before == linked.Snapshot(factory)) failures.Add($"a valid link as {caller} changed nothing");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
