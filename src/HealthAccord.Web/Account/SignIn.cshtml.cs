using System.ComponentModel.DataAnnotations;
using HealthAccord.Data.Accounts;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HealthAccord.Web.Account;

[AllowAnonymous]
[NoOutputCache]
[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class SignInModel(SignInManager<HealthAccordUser> signIn, UserManager<HealthAccordUser> users) : PageModel
{
    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address such as name@example.org.")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Enter your password.")]
        public string? Password { get; set; }

        public bool RememberMe { get; set; }
    }

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the sign-in failed, shown above the form; not tied to one field, so as not to say which was wrong.</summary>
    public string? Failure { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            ForgetUnreadableRememberMe();
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email!);
        if (user is null)
        {
            Failure = WrongPassword;
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password!, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded) return LocalRedirect(SafeReturnUrl(Url, ReturnUrl));
        if (result.RequiresTwoFactor) return RedirectToPage("/Account/SignInCode", new { ReturnUrl, Input.RememberMe });
        Failure = result.IsLockedOut
            ? AccountLock.IsLockedByAdministrator(user.LockoutEnd)
                ? "This account is locked. An administrator can unlock it."
                : "Too many wrong passwords: this account is locked for 15 minutes. Wait, or set a new password with the link below."
            : WrongPassword;
        return Page();
    }

    /// <summary>
    /// The checkbox tag helper re-reads the posted value as a boolean and throws on anything else, which only a
    /// hand-made post can send (wapiti found it): the box is shown unticked and the form says what was wrong.
    /// </summary>
    private void ForgetUnreadableRememberMe()
    {
        const string field = $"{nameof(Input)}.{nameof(Input.RememberMe)}";
        if (ModelState.GetValidationState(field) != ModelValidationState.Invalid) return;
        ModelState.SetModelValue(field, rawValue: false, attemptedValue: "false");
        Failure = "“Keep me signed in” is either ticked or not; the form sent something else. Try again.";
    }

    private const string WrongPassword = "The email address or the password is not right.";

    /// <summary>Only a path on this site: a sign-in link must not be able to send people elsewhere afterwards.</summary>
    public static string SafeReturnUrl(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/account";
}
