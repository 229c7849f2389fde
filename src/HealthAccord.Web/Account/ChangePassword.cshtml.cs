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
/// A new password for a signed-in person who knows the current one; works without email. Other sessions of the
/// account end at their next check, because the security stamp changes with the password.
/// </summary>
[Authorize]
[NoOutputCache]
[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class ChangePasswordModel(UserManager<HealthAccordUser> users, SignInManager<HealthAccordUser> signIn) : PageModel
{
    public sealed class ChangeInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        public string? Current { get; set; }

        [Required(ErrorMessage = "Choose a new password.")]
        public string? New { get; set; }

        [Required(ErrorMessage = "Type the new password again.")]
        [Compare(nameof(New), ErrorMessage = "The two new passwords are not the same.")]
        public string? Confirm { get; set; }
    }

    [BindProperty]
    public ChangeInput Input { get; set; } = new();

    public int MinimumLength => users.Options.Password.RequiredLength;

    [TempData]
    public string? Notice { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (!ModelState.IsValid) return Page();
        var result = await users.ChangePasswordAsync(user, Input.Current!, Input.New!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? nameof(ChangeInput.Current) : nameof(ChangeInput.New);
                var message = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "This is not your current password." : error.Description;
                ModelState.AddModelError($"{nameof(Input)}.{field}", message);
            }
            return Page();
        }
        // This session gets the new security stamp and stays signed in.
        await signIn.RefreshSignInAsync(user);
        Notice = "Your password is changed.";
        return RedirectToPage("/Account/Index");
    }
}
