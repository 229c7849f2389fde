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
/// One account for administrators: change its roles and scopes, lock or unlock it, send its invitation again.
/// Administrators cannot take their own administrator role away or lock themselves out, so the site always keeps one.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Administrator)]
[NoOutputCache]
public sealed class DetailsModel(UserManager<HealthAccordUser> users, HealthAccordDbContext db, AccountEmails emails, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public AccessInput Access { get; set; } = new();

    public HealthAccordUser Account { get; private set; } = default!;

    public AccessChoices Choices { get; private set; } = new([], []);

    public string State { get; private set; } = "";

    public bool HasPassword { get; private set; }

    public bool IsLockedByAdministrator { get; private set; }

    public bool IsSelf { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Access = await AccessInput.OfAsync(Account, users, db, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        await Access.ValidateAsync(ModelState, nameof(Access), db, ct);
        if (IsSelf && !Access.Has(AccountRoles.Administrator))
            ModelState.AddModelError($"{nameof(Access)}.Roles", "You cannot take the administrator role from your own account; another administrator can.");
        if (!ModelState.IsValid) return Page();
        var result = await Access.ApplyAsync(Account, users, db, ct);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError($"{nameof(Access)}.Roles", error.Description);
            return Page();
        }
        Notice = "Roles and scopes saved. They apply to the account's next change, by page or by token.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostLockAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (IsSelf)
        {
            Notice = "You cannot lock your own account.";
            return RedirectToPage(new { id = Id });
        }
        await users.SetLockoutEnabledAsync(Account, true);
        await users.SetLockoutEndDateAsync(Account, AccountLock.ByAdministrator);
        // A new security stamp ends the account's open sessions at their next check; its tokens stop at once.
        await users.UpdateSecurityStampAsync(Account);
        Notice = $"{Account.Label} is locked: no sign-in, and the API refuses the account's tokens.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostUnlockAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        await users.SetLockoutEndDateAsync(Account, null);
        await users.ResetAccessFailedCountAsync(Account);
        Notice = $"{Account.Label} is unlocked.";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (HasPassword)
        {
            Notice = $"{Account.Label} has set a password already; they can use \"Forgot your password?\" on the sign-in page.";
            return RedirectToPage(new { id = Id });
        }
        var inviter = (await users.GetUserAsync(User))?.Label ?? "An administrator";
        Notice = InviteModel.InvitationNotice(await emails.SendInvitationAsync(Account, inviter, Request, ct), Account.Email!);
        return RedirectToPage(new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await users.FindByIdAsync(Id) is not { } user) return false;
        Account = user;
        Choices = await AccessChoices.LoadAsync(db, ct);
        HasPassword = await users.HasPasswordAsync(user);
        IsLockedByAdministrator = AccountLock.IsLockedByAdministrator(user.LockoutEnd);
        State = IndexModel.StateOf(HasPassword, user.LockoutEnd, clock.GetUtcNow());
        IsSelf = users.GetUserId(User) == user.Id;
        return true;
    }
}
