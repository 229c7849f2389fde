using HealthAccord.Data.Accounts;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Account;

/// <summary>
/// Turns the second sign-in step (an authenticator app's six-digit code) on and off. Turning it on needs one right
/// code from the app, so a mistyped key cannot lock the owner out; then ten recovery codes are shown, once.
/// </summary>
[Authorize]
[NoOutputCache]
public sealed class TwoFactorModel(UserManager<HealthAccordUser> users, SignInManager<HealthAccordUser> signIn) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public bool IsEnabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public string? SharedKey { get; private set; }

    public string? QrCodeSvg { get; private set; }

    /// <summary>Shown only in the response that created them.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
            ModelState.AddModelError(nameof(Code), "Enter the six digits your authenticator app shows.");
        else if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            ModelState.AddModelError(nameof(Code), "That code is not right. Check that the app shows HealthAccord and enter the code it shows now.");
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await signIn.RefreshSignInAsync(user);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (await users.GetTwoFactorEnabledAsync(user))
            NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))?.ToList() ?? [];
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key next time, so an old phone that still holds this one is of no use.
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        Notice = "The second step is off. Signing in now needs only your password.";
        return RedirectToPage();
    }

    private async Task LoadAsync(HealthAccordUser user)
    {
        IsEnabled = await users.GetTwoFactorEnabledAsync(user);
        if (IsEnabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        SharedKey = key!;
        QrCodeSvg = AuthenticatorQrCode.Svg(AuthenticatorQrCode.Uri(user.Email ?? user.UserName ?? user.Id, SharedKey));
    }
}
