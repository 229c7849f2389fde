using System.ComponentModel.DataAnnotations;
using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Web.Account;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Email;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HealthAccord.Web.Users;

/// <summary>
/// An administrator creates an account with its roles and scopes; the person gets an email with a link to choose
/// their password. The account has no password until then, so nobody can sign in to it.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Administrator)]
[NoOutputCache]
public sealed class InviteModel(UserManager<HealthAccordUser> users, HealthAccordDbContext db, AccountEmails emails, TimeProvider clock) : PageModel
{
    public sealed class InviteInput
    {
        [Required(ErrorMessage = "Enter the person's email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address such as name@example.org.")]
        [StringLength(256, ErrorMessage = "At most 256 characters.")]
        public string? Email { get; set; }

        [StringLength(200, ErrorMessage = "At most 200 characters.")]
        public string? DisplayName { get; set; }
    }

    [BindProperty]
    public InviteInput Input { get; set; } = new();

    [BindProperty]
    public AccessInput Access { get; set; } = new();

    public AccessChoices Choices { get; private set; } = new([], []);

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Choices = await AccessChoices.LoadAsync(db, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await Access.ValidateAsync(ModelState, nameof(Access), db, ct);
        if (ModelState.IsValid && await users.FindByEmailAsync(Input.Email!) is not null)
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Email)}", "An account with this email address already exists.");
        if (!ModelState.IsValid)
        {
            Choices = await AccessChoices.LoadAsync(db, ct);
            return Page();
        }

        var email = Input.Email!.Trim();
        var user = new HealthAccordUser
        {
            UserName = email,
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(Input.DisplayName) ? null : Input.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user);
        if (created.Succeeded) created = await Access.ApplyAsync(user, users, db, ct);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors) ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Email)}", error.Description);
            Choices = await AccessChoices.LoadAsync(db, ct);
            return Page();
        }

        var inviter = (await users.GetUserAsync(User))?.Label ?? "An administrator";
        Notice = InvitationNotice(await emails.SendInvitationAsync(user, inviter, Request, ct), email);
        return RedirectToPage("/Users/Details", new { id = user.Id });
    }

    public static string InvitationNotice(MailOutcome outcome, string email) => outcome switch
    {
        MailOutcome.Sent => $"The invitation is on its way to {email}. Its link works for seven days.",
        MailOutcome.Disabled => $"The account for {email} exists, but the invitation link could not be sent: this site has no email server " +
            "configured (Email:Smtp:Host). Configure one and send the invitation again.",
        _ => $"The account for {email} exists, but the invitation link could not be sent: the email server did not accept it. Send it again later.",
    };
}
