using System.Net;
using HealthAccord.Data;
using HealthAccord.Tests.Grants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Authorization;

/// <summary>
/// The grant upload's cells of the page matrix. Its form is multipart and its import runs in the background, so a
/// cell cannot be judged by the world's snapshot right after the post: it follows the import's page to its end and
/// counts the import runs of its own file instead.
/// </summary>
public sealed partial class PageWriteMatrixTests
{
    /// <summary>Handlers whose cells a test of their own runs, with that test's name; the first test counts them as ruled.</summary>
    private static readonly Dictionary<string, string> HandlersWithTheirOwnCells = new(
        new Dictionary<string, string>(OutbreakHandlers, StringComparer.Ordinal)
        {
            ["Upload/ImportModel.OnPostAsync"] = nameof(The_grant_upload_admits_exactly_editors_of_any_partnership_and_administrators),
            ["Notifications/DeliveriesModel.OnPostSendAgainAsync"] = nameof(Sending_an_abandoned_alert_again_is_for_administrators_and_editors_of_the_outbreak),
        }, StringComparer.Ordinal);

    [Fact]
    public async Task The_grant_upload_admits_exactly_editors_of_any_partnership_and_administrators()
    {
        var failures = new List<string>();
        foreach (var caller in Enum.GetValues<Caller>())
        {
            var world = await WriteWorld.CreateAsync(factory);
            var client = await ClientOfAsync(caller, world);
            var allowed = caller is Caller.Administrator or Caller.EditorOfThePartnership or Caller.EditorOfAnotherPartnership;
            var file = Path.Combine(Path.GetTempPath(), $"page-matrix-{Guid.NewGuid():N}.json");
            await File.WriteAllTextAsync(file, GrantFiles.Package(GrantFiles.ValidGrant($"MATRIX-{Guid.NewGuid():N}")), Ct);
            try
            {
                var form = await client.GetAsync("/grants/import", Ct);
                if (allowed)
                {
                    if (form.StatusCode != HttpStatusCode.OK) failures.Add($"{caller}: the form answered {(int)form.StatusCode}");
                    var page = await GrantUploadClient.ResultAsync(client, await GrantUploadClient.UploadAsync(client, "360giving-json", new() { ["File"] = file }));
                    if (await ImportRunsOfAsync(Path.GetFileName(file)) != 1)
                        failures.Add($"{caller}: the upload was not imported ({page.QuerySelector("#import-state")?.TextContent.Trim()})");
                    continue;
                }
                // The caller's own valid token, so that a refusal comes from the rights and not from antiforgery.
                using var content = new MultipartFormDataContent
                {
                    { new StringContent(await TokenOfAsync(client, caller)), "__RequestVerificationToken" },
                    { new StringContent("360giving-json"), "Input.Format" },
                    { new ByteArrayContent(await File.ReadAllBytesAsync(file, Ct)), "Input.File", Path.GetFileName(file) },
                };
                var post = await client.PostAsync("/grants/import", content, Ct);
                var expected = caller == Caller.Anonymous ? "/account/signin" : "/account/denied";
                foreach (var (what, response) in new[] { ("form", form), ("upload", post) })
                {
                    var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.AbsolutePath : l.OriginalString.Split('?')[0]) : "";
                    var refused = location == expected || (caller != Caller.Anonymous && response.StatusCode == HttpStatusCode.Forbidden);
                    if (!refused) failures.Add($"{caller}: the {what} answered {(int)response.StatusCode} {location}, expected a refusal ({expected})");
                }
                // A refused upload is never queued; had it been, its run would exist by the time the next cell starts.
                if (await ImportRunsOfAsync(Path.GetFileName(file)) != 0) failures.Add($"{caller}: refused, yet the file was imported");
            }
            finally
            {
                File.Delete(file);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task<int> ImportRunsOfAsync(string file)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        return await db.ImportRuns.CountAsync(r => r.FileName == file, Ct);
    }
}
