using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Errors;

/// <summary>The friendly error page for unexpected failures; it shows a reference to quote, never the exception.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    // A property rather than handler state: a re-executed POST renders the page without calling OnGet.
    public string RequestId => Activity.Current?.Id ?? HttpContext.TraceIdentifier;

    public void OnGet()
    {
        if (Response.StatusCode < StatusCodes.Status400BadRequest) Response.StatusCode = StatusCodes.Status500InternalServerError;
    }
}
