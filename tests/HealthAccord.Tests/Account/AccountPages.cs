using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace HealthAccord.Tests.Account;

/// <summary>Reading account pages as a person sees them: the text of a field's message, of a notice, of an alert.</summary>
public static class AccountPages
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<IHtmlDocument> ReadPageAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} from {response.RequestMessage?.RequestUri}, got {(int)response.StatusCode}: {html}");
        return new HtmlParser().ParseDocument(html);
    }

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(url, Ct)).ReadPageAsync(expected);

    /// <summary>
    /// The message shown with a field, found through aria-describedby as a screen reader finds it: on the input when
    /// it is marked invalid, else on the group of checkboxes it belongs to.
    /// </summary>
    public static string? FieldError(this IHtmlDocument page, string fieldName)
    {
        var input = page.QuerySelector($"[name='{fieldName}']");
        Assert.NotNull(input);
        var holder = input.GetAttribute("aria-invalid") == "true" ? input : input.Closest("fieldset");
        var ids = (holder?.GetAttribute("aria-describedby") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return ids.Select(id => page.GetElementById(id)).FirstOrDefault(e => e?.ClassList.Contains("field-error") == true)?.TextContent.Trim();
    }

    public static string? Alert(this IHtmlDocument page) => page.QuerySelector("[role=alert]")?.TextContent.Trim();

    public static string? Notice(this IHtmlDocument page) => page.QuerySelector(".notice")?.TextContent.Trim();

    /// <summary>Where a redirect points, as a path.</summary>
    public static string RedirectTarget(this HttpResponseMessage response)
    {
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"Expected a redirect, got {(int)response.StatusCode}.");
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }
}
