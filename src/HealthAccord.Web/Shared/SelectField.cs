using Microsoft.AspNetCore.Mvc.Rendering;

namespace HealthAccord.Web.Shared;

/// <summary>A labelled filter drop-down for a GET form, with an "any" choice and an optional message about the value given.</summary>
public sealed record SelectField(string Name, string Label, string AnyText, IReadOnlyList<SelectListItem> Options, string? Error = null)
{
    public string ErrorId => Name + "-error";
}
