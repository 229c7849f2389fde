using System.Security.Claims;

namespace HealthAccord.Web.History;

/// <summary>Who made a change: a stable id for filtering, and the name people read.</summary>
public sealed record ChangeAuthor(string Id, string Name);

/// <summary>
/// The one place that turns whoever is signed in into the author of a change. It reads only the standard claims
/// (name identifier, name) of <see cref="HttpContext.User"/>, so it works with any authentication that fills them:
/// today the editors' API key (see <c>EditorKeyAuthentication</c>), later accounts and their API tokens.
/// </summary>
public static class ChangeActor
{
    public static ChangeAuthor Of(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity?.Name;
        var name = user.FindFirstValue(ClaimTypes.Name) ?? user.Identity?.Name ?? id;
        // Writes are refused before they reach the recorder unless someone is authenticated; an unnamed principal is
        // still recorded, as unknown, rather than losing the change.
        return new ChangeAuthor(id ?? "unknown", name ?? "Unknown");
    }

    /// <summary>The system account that runs a command-line verb (import, seed).</summary>
    public static ChangeAuthor CommandLine() => new($"cli:{Environment.UserName}", $"{Environment.UserName} (command line)");
}
