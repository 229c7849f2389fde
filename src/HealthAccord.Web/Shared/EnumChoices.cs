using Microsoft.AspNetCore.Mvc.Rendering;

namespace HealthAccord.Web.Shared;

/// <summary>The values of an enum as drop-down choices: the value is the name the form posts back, the text the label people read.</summary>
public static class EnumChoices
{
    public static IReadOnlyList<SelectListItem> Of<T>(Func<T, string> label) where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(v => new SelectListItem(label(v), v.ToString()))];
}
