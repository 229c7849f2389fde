using System.ComponentModel.DataAnnotations;
using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.ApiTokens;

/// <summary>
/// The signed-in person's API tokens: create one (its text is shown in that one response and never again),
/// see when each was last used, and revoke any of them.
/// </summary>
[Authorize]
[NoOutputCache]
public sealed class TokensModel(UserManager<HealthAccordUser> users, HealthAccordDbContext db, TimeProvider clock) : PageModel
{
    public sealed class NewTokenInput
    {
        [Required(ErrorMessage = "Name the token, e.g. after the script or machine that will use it.")]
        [StringLength(100, ErrorMessage = "At most 100 characters.")]
        public string? Name { get; set; }

        public int LifetimeDays { get; set; } = 90;
    }

    [BindProperty]
    public NewTokenInput Input { get; set; } = new();

    public IReadOnlyList<ApiToken> Tokens { get; private set; } = [];

    /// <summary>The text of the token created by this request; the page that shows it is the only place it exists.</summary>
    public string? CreatedText { get; private set; }

    public DateTime Now { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        await LoadAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (!ApiTokenDefaults.LifetimeDays.Contains(Input.LifetimeDays))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.LifetimeDays)}", "Choose one of the offered lifetimes.");
        if (!ModelState.IsValid)
        {
            await LoadAsync(user, ct);
            return Page();
        }

        var text = ApiTokenSecret.NewText();
        var now = clock.GetUtcNow().UtcDateTime;
        db.ApiTokens.Add(new ApiToken
        {
            UserId = user.Id,
            Name = Input.Name!.Trim(),
            Hash = ApiTokenSecret.Hash(text),
            Prefix = ApiTokenSecret.PrefixOf(text),
            CreatedAt = now,
            ExpiresAt = now.AddDays(Input.LifetimeDays),
        });
        await db.SaveChangesAsync(ct);
        // The token is in this response's body only. The page's forms already mark it no-store (antiforgery does),
        // so no cache along the way keeps a copy.
        CreatedText = text;
        Input = new NewTokenInput();
        ModelState.Clear();
        await LoadAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        // Only the owner's own tokens: another account's id changes nothing.
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == user.Id, ct);
        if (token is not null && token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            Notice = $"The token '{token.Name}' is revoked; the API refuses it from now on.";
        }
        return RedirectToPage();
    }

    private async Task LoadAsync(HealthAccordUser user, CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == user.Id)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .ToListAsync(ct);
    }

    public string StatusOf(ApiToken token) =>
        token.RevokedAt is not null ? "Revoked" : token.ExpiresAt <= Now ? "Expired" : "Active";
}
