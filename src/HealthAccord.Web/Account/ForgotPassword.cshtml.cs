using System.ComponentModel.DataAnnotations;
using HealthAccord.Data.Accounts;
using HealthAccord.Web.Email;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HealthAccord.Web.Account;

/// <summary>
/// Asks for a password link by email. The answer is the same whether or not an account uses the address, so the
/// page cannot be used to find out who has one; only a mail failure is reported as such.
/// </summary>
[AllowAnonymous]
[NoOutputCache]
[EnableRateLimiting(RateLimits.AccountForms)]
public sealed class ForgotPasswordModel(UserManager<HealthAccordUser> users, AccountEmails emails, Mailer mailer) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter the email address of your account.")]
    [EmailAddress(ErrorMessage = "Enter an email address such as name@example.org.")]
    public string? Email { get; set; }

    public MailOutcome? Outcome { get; private set; }

    public bool MailEnabled => mailer.IsEnabled;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        if (!mailer.IsEnabled)
        {
            Outcome = mailer.ReportDisabled("password reset");
            return Page();
        }
        var user = await users.FindByEmailAsync(Email!);
        Outcome = user is null || AccountLock.IsLockedByAdministrator(user.LockoutEnd)
            ? MailOutcome.Sent
            : await emails.SendPasswordResetAsync(user, Request, ct);
        return Page();
    }
}
