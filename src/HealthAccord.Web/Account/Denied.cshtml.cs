using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Account;

/// <summary>Where a signed-in person lands on a page their account may not use (such as user administration).</summary>
[AllowAnonymous]
[NoOutputCache]
public sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
