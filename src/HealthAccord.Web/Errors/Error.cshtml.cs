using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Errors;

/// <summary>
/// The friendly error page: /errors/500 for unexpected failures, and /errors/{code} for any other status a page request
/// ends with (404 has its own page). It shows a reference to quote, never the exception.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    // Properties rather than handler state: a re-executed POST renders the page without calling OnGet.
    public string RequestId => Activity.Current?.Id ?? HttpContext.TraceIdentifier;

    public int DisplayedStatus => Response.StatusCode >= StatusCodes.Status400BadRequest ? Response.StatusCode : StatusCodes.Status500InternalServerError;

    public bool IsServerError => DisplayedStatus >= StatusCodes.Status500InternalServerError;

    public void OnGet(int code)
    {
        // Visited directly (not re-executed), the page answers with the status it describes.
        if (Response.StatusCode < StatusCodes.Status400BadRequest)
            Response.StatusCode = code is >= 400 and <= 599 ? code : StatusCodes.Status500InternalServerError;
    }
}
