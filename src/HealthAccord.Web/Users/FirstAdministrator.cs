using System.ComponentModel.DataAnnotations;
using HealthAccord.Data.Accounts;
using HealthAccord.Web.Account;
using Microsoft.AspNetCore.Identity;

namespace HealthAccord.Web.Users;

/// <summary>
/// How a new site gets its first administrator, and how a site that lost all of them gets one back: from the
/// command line, by someone who can reach the database. The account is created if missing, made an administrator
/// and unlocked; then either a password is set from what was given, or a one-time link to set one is printed.
/// </summary>
public sealed class FirstAdministrator(UserManager<HealthAccordUser> users, PasswordLinks links, TimeProvider clock)
{
    /// <returns>The process exit code: 0 done, 1 refused (the reasons are written to <paramref name="errors"/>).</returns>
    public async Task<int> AddAsync(string email, string? password, TextWriter output, TextWriter errors)
    {
        email = email.Trim();
        if (!new EmailAddressAttribute().IsValid(email))
        {
            await errors.WriteLineAsync($"error: '{email}' is not an email address.");
            return 1;
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new HealthAccordUser { UserName = email, Email = email, CreatedAt = clock.GetUtcNow().UtcDateTime };
            if (!await ReportAsync(await users.CreateAsync(user), errors)) return 1;
            await output.WriteLineAsync($"Created the account {email}.");
        }
        if (password is not null)
        {
            // Checked before anything changes, so a weak password leaves an existing account as it was.
            foreach (var validator in users.PasswordValidators)
                if (!await ReportAsync(await validator.ValidateAsync(users, user, password), errors)) return 1;
        }
        if (!await users.IsInRoleAsync(user, AccountRoles.Administrator)
            && !await ReportAsync(await users.AddToRoleAsync(user, AccountRoles.Administrator), errors)) return 1;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);

        if (password is null)
        {
            var link = await links.CreateAsync(user, PasswordLinkPurpose.Invitation, request: null);
            await output.WriteLineAsync($"{email} is an administrator. Open this link within seven days to set the password (it works once):");
            await output.WriteLineAsync(link);
            return 0;
        }
        if (await users.HasPasswordAsync(user)) await users.RemovePasswordAsync(user);
        if (!await ReportAsync(await users.AddPasswordAsync(user, password), errors)) return 1;
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        await output.WriteLineAsync($"{email} is an administrator and its password is set. Sign in at /account/signin.");
        return 0;
    }

    private static async Task<bool> ReportAsync(IdentityResult result, TextWriter errors)
    {
        foreach (var error in result.Errors) await errors.WriteLineAsync($"error: {error.Description}");
        return result.Succeeded;
    }
}
