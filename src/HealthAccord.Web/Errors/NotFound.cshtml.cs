using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Errors;

/// <summary>The friendly "not found" page, shown when status-code pages re-execute a 404 outside /api.</summary>
[IgnoreAntiforgeryToken]
public sealed class NotFoundModel : PageModel
{
    /// <summary>The address the reader asked for, when this page was re-executed for another request.</summary>
    /// <remarks>A property rather than handler state: a re-executed POST renders the page without calling OnGet.</remarks>
    public string? RequestedPath => HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } feature
        ? feature.OriginalPathBase + feature.OriginalPath + feature.OriginalQueryString
        : null;

    public void OnGet()
    {
        // Visited directly, the page still reports what it is.
        Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
