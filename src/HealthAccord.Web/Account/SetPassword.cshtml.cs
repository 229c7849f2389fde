using System.ComponentModel.DataAnnotations;
using HealthAccord.Data.Accounts;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HealthAccord.Web.Account;

/// <summary>
/// Where the emailed links lead: an invitation's first password, or a new one after "forgot password". The code
/// from the link travels on in a hidden field and is checked only when the form is sent.
/// </summary>
[AllowAnonymous]
[NoOutputCache]
[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class SetPasswordModel(UserManager<HealthAccordUser> users, PasswordLinks links) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Purpose { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Choose a password.")]
    public string? Password { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Type the password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
    public string? ConfirmPassword { get; set; }

    [TempData]
    public string? Notice { get; set; }

    /// <summary>Set when the link itself is broken or spent; the form is not shown then.</summary>
    public string? LinkProblem { get; private set; }

    public bool IsInvitation => Purpose == "invitation";

    public int MinimumLength => users.Options.Password.RequiredLength;

    public async Task<IActionResult> OnGetAsync()
    {
        await FindUserAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await FindUserAsync();
        if (user is null || !ModelState.IsValid) return Page();

        var result = await links.SetPasswordAsync(user, IsInvitation ? PasswordLinkPurpose.Invitation : PasswordLinkPurpose.Reset, Code!, Password!);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == PasswordLinks.InvalidLink.Code)) LinkProblem = PasswordLinks.InvalidLink.Description;
            foreach (var error in result.Errors.Where(e => e.Code != PasswordLinks.InvalidLink.Code))
                ModelState.AddModelError(nameof(Password), error.Description);
            return Page();
        }
        // Proving the address ends a lockout from wrong passwords (not an administrator's lock).
        await users.ResetAccessFailedCountAsync(user);
        if (!AccountLock.IsLockedByAdministrator(user.LockoutEnd)) await users.SetLockoutEndDateAsync(user, null);
        Notice = "Your password is set. Sign in with it now.";
        return RedirectToPage("/Account/SignIn");
    }

    private async Task<HealthAccordUser?> FindUserAsync()
    {
        var user = string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Code) || Purpose is not ("invitation" or "reset")
            ? null
            : await users.FindByIdAsync(UserId);
        if (user is null) LinkProblem = "This link is incomplete or not valid. Use the whole link from the email, or ask for a new one.";
        return user;
    }
}
