using HealthAccord.Data.Accounts;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Account;

/// <summary>Signing out is a POST (from the header's button or this page), so a link on another site cannot do it.</summary>
[AllowAnonymous]
[NoOutputCache]
public sealed class SignOutModel(SignInManager<HealthAccordUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
