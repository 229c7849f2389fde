using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HealthAccord.Web.Shared;

/// <summary>
/// One labelled input of a POST form, with its hint and its validation message right below it:
/// <c>&lt;form-field asp-for="Input.Email" label="Email address" type="email" autocomplete="username" /&gt;</c>.
/// The message is tied to the input (aria-describedby, aria-invalid) so screen readers announce it with the field.
/// Passwords are never written back into the page.
/// </summary>
[HtmlTargetElement("form-field", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FormFieldTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")]
    public ModelExpression For { get; set; } = default!;

    public string Label { get; set; } = "";

    public string Type { get; set; } = "text";

    public string? Autocomplete { get; set; }

    public string? Hint { get; set; }

    public string? Inputmode { get; set; }

    public bool Required { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var state = ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) ? entry : null;
        var errors = state?.Errors.Select(e => e.ErrorMessage).Where(m => !string.IsNullOrEmpty(m)).ToList() ?? [];

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "field");

        var label = new TagBuilder("label");
        label.Attributes["for"] = id;
        label.InnerHtml.Append(Label);
        output.Content.AppendHtml(label);

        var input = new TagBuilder("input") { TagRenderMode = TagRenderMode.SelfClosing };
        input.Attributes["id"] = id;
        input.Attributes["name"] = name;
        input.Attributes["type"] = Type;
        if (Type != "password") input.Attributes["value"] = state?.AttemptedValue ?? For.Model?.ToString() ?? "";
        if (Autocomplete is not null) input.Attributes["autocomplete"] = Autocomplete;
        if (Inputmode is not null) input.Attributes["inputmode"] = Inputmode;
        if (Required) input.Attributes["required"] = "required";
        var describedBy = new List<string>();
        if (Hint is not null) describedBy.Add(id + "-hint");
        if (errors.Count > 0)
        {
            describedBy.Add(id + "-error");
            input.Attributes["aria-invalid"] = "true";
        }
        if (describedBy.Count > 0) input.Attributes["aria-describedby"] = string.Join(' ', describedBy);
        output.Content.AppendHtml(input);

        if (Hint is not null)
        {
            var hint = new TagBuilder("p");
            hint.Attributes["id"] = id + "-hint";
            hint.AddCssClass("hint");
            hint.InnerHtml.Append(Hint);
            output.Content.AppendHtml(hint);
        }
        if (errors.Count > 0)
        {
            var error = new TagBuilder("p");
            error.Attributes["id"] = id + "-error";
            error.AddCssClass("field-error");
            error.InnerHtml.Append(string.Join(' ', errors));
            output.Content.AppendHtml(error);
        }
    }
}
