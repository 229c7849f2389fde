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
/// The second step for accounts with an authenticator app: the password was right (Identity keeps that in a
/// short-lived cookie of its own), now the six-digit code, or one of the recovery codes given when it was set up.
/// Wrong codes count towards the same lockout as wrong passwords.
/// </summary>
[AllowAnonymous]
[NoOutputCache]
[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class SignInCodeModel(SignInManager<HealthAccordUser> signIn) : PageModel
{
    [BindProperty]
    [Display(Name = "Code")]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/SignIn", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            ModelState.AddModelError(nameof(Code), "Enter the six digits your authenticator app shows.");
            return await StillWaitingAsync();
        }
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: false);
        return await OutcomeAsync(result, nameof(Code), "That code is not right, or it has expired. Enter the code the app shows now.");
    }

    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        var code = (RecoveryCode ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (code.Length == 0)
        {
            ModelState.AddModelError(nameof(RecoveryCode), "Enter one of your recovery codes.");
            return await StillWaitingAsync();
        }
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        return await OutcomeAsync(result, nameof(RecoveryCode), "That recovery code is not right, or it was used before.");
    }

    private async Task<IActionResult> OutcomeAsync(Microsoft.AspNetCore.Identity.SignInResult result, string field, string wrong)
    {
        if (result.Succeeded) return LocalRedirect(SignInModel.SafeReturnUrl(Url, ReturnUrl));
        if (result.IsLockedOut)
        {
            ModelState.AddModelError(field, "Too many wrong codes: this account is locked for 15 minutes.");
            return Page();
        }
        // The password step is remembered for a few minutes only; after that, start again.
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("/Account/SignIn", new { ReturnUrl });
        ModelState.AddModelError(field, wrong);
        return Page();
    }

    private async Task<IActionResult> StillWaitingAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/SignIn", new { ReturnUrl }) : Page();
}
