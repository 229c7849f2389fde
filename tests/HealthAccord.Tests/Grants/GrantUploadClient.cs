using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace HealthAccord.Tests.Grants;

/// <summary>The upload form as a browser submits it (multipart, with its antiforgery token), and the import's page followed to its end.</summary>
public static partial class GrantUploadClient
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Posts the form; <paramref name="files"/> maps a field (File, Organisations, Mapping) to a path on disk.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string format, Dictionary<string, string> files,
        string? dateFormat = null, bool skipInvalid = false)
    {
        var form = await client.GetStringAsync("/grants/import", Ct);
        var token = AntiforgeryField().Match(form);
        Assert.True(token.Success, "The upload page has no antiforgery token.");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token.Groups["value"].Value)), "__RequestVerificationToken" },
            { new StringContent(format), "Input.Format" },
        };
        if (dateFormat is not null) content.Add(new StringContent(dateFormat), "Input.DateFormat");
        if (skipInvalid) content.Add(new StringContent("true"), "Input.SkipInvalid");
        foreach (var (field, path) in files)
        {
            var file = new ByteArrayContent(await File.ReadAllBytesAsync(path, Ct));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, $"Input.{field}", Path.GetFileName(path));
        }
        return await client.PostAsync("/grants/import", content, Ct);
    }

    /// <summary>Reads the import's page until it stops refreshing (the import is over), and returns it.</summary>
    public static async Task<IHtmlDocument> ResultAsync(HttpClient client, HttpResponseMessage upload)
    {
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var page = upload.Headers.Location!.OriginalString;
        Assert.Matches("^/grants/import/[0-9a-f]{32}$", page);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var html = await client.GetStringAsync(page, Ct);
            var document = new HtmlParser().ParseDocument(html);
            if (document.QuerySelector("meta[http-equiv=refresh]") is null) return document;
            Assert.True(DateTime.UtcNow < deadline, $"The import at {page} was still not over after two minutes: {document.QuerySelector("#import-state")?.TextContent}");
            await Task.Delay(200, Ct);
        }
    }

    /// <summary>The counts table, by row heading.</summary>
    public static Dictionary<string, string> Counts(IHtmlDocument page) =>
        page.QuerySelectorAll("table.import-counts tr").ToDictionary(
            r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelector("td")!.TextContent.Trim());

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
