using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace HealthAccord.Tests.Infrastructure;

/// <summary>A form read from a page: where it posts and the values a browser would send, which a test then changes.</summary>
public sealed record HtmlForm(string Action, Dictionary<string, string> Fields)
{
    public string this[string name]
    {
        get => Fields[name];
        set => Fields[name] = value;
    }
}

/// <summary>Forms as a browser uses them: read a form's fields from its page, change some, post them back.</summary>
public static class HtmlForms
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The first form matching <paramref name="selector"/> on the page read from <paramref name="path"/>, with the
    /// values it would submit as it stands (a form without an action posts back to its page).
    /// </summary>
    public static HtmlForm Form(this IDocument page, string path, string selector = "form.edit-form")
    {
        var form = page.QuerySelector(selector) as IHtmlFormElement;
        Assert.True(form is not null, $"The page has no form '{selector}'.");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked) fields[box.Name!] = box.Value;
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    fields[input.Name] = input.Value;
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields[area.Name] = area.Value;
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields[select.Name] = select.Value ?? "";
                    break;
            }
        }
        var action = form.GetAttribute("action");
        return new HtmlForm(string.IsNullOrEmpty(action) ? path : action, fields);
    }

    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, HtmlForm form)
    {
        using var body = new FormUrlEncodedContent(form.Fields);
        return await client.PostAsync(form.Action, body, Ct);
    }
}
