using System.Security.Claims;
using HealthAccord.Data;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.History;

/// <summary>Who made a change: a stable id for filtering, and the name people read.</summary>
public sealed record ChangeAuthor(string Id, string Name);

/// <summary>
/// The one place that turns whoever is signed in into the author of a change. The id is the principal's name
/// identifier (the account id, whether it came by session cookie or API token); the name is the account's display
/// name as it reads today. Timelines are public, so an account without a display name is named by the part of its
/// email address before the @, never by the whole address.
/// </summary>
public sealed class ChangeActor(HealthAccordDbContext db)
{
    public async Task<ChangeAuthor> OfAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var claimedName = user.FindFirstValue(ClaimTypes.Name) ?? user.Identity?.Name;
        // Writes are refused before they get here unless someone is signed in; an unnamed principal is still recorded,
        // as unknown, rather than losing the change.
        if (id is null) return new ChangeAuthor("unknown", Readable(claimedName) ?? "Unknown");
        var displayName = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        return new ChangeAuthor(id, string.IsNullOrWhiteSpace(displayName) ? Readable(claimedName) ?? id : displayName.Trim());
    }

    /// <summary>The system account that runs a command-line verb (import).</summary>
    public static ChangeAuthor CommandLine() => new($"cli:{Environment.UserName}", $"{Environment.UserName} (command line)");

    private static string? Readable(string? name) =>
        name is null ? null : name.IndexOf('@', StringComparison.Ordinal) is > 0 and var at ? name[..at] : name;
}
