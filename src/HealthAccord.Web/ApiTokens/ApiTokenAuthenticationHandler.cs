using System.Security.Claims;
using System.Text.Encodings.Web;
using HealthAccord.Data;
using HealthAccord.Web.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HealthAccord.Web.ApiTokens;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> API tokens by the SHA-256 of the text, and answers the challenges of
/// the API's write policy with problem documents (401 with a Bearer challenge, 403) instead of redirects.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    HealthAccordDbContext db,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Set when a token was presented but refused, so the 401 can say why.</summary>
    private string? _refusal;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var text = header[7..].Trim();
        if (text.Length == 0) return AuthenticateResult.NoResult();

        var hash = ApiTokenSecret.Hash(text);
        var token = await db.ApiTokens.AsNoTracking().Include(t => t.User).SingleOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        var now = TimeProvider.GetUtcNow().UtcDateTime;
        // The failure messages are logged by the base class: they name the token's id at most, never its text.
        _refusal = token switch
        {
            null => "The API token is not known.",
            { RevokedAt: not null } => "The API token was revoked.",
            _ when token.ExpiresAt <= now => "The API token has expired.",
            { User: null } => "The API token's account no longer exists.",
            _ when AccountLock.IsLockedByAdministrator(token.User.LockoutEnd) => "The API token's account is locked.",
            _ => null,
        };
        if (_refusal is not null) return AuthenticateResult.Fail(token is null ? _refusal : $"{_refusal} (token {token.Id})");

        await RecordUseAsync(token!.Id, now);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, token.UserId),
                new Claim(ClaimTypes.Name, token.User!.UserName ?? token.UserId),
                new Claim(ApiTokenDefaults.TokenIdClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <summary>Keeps "last used" to the minute, so a busy client does not cost a database write per request.</summary>
    private async Task RecordUseAsync(int tokenId, DateTime now)
    {
        var stale = now.AddMinutes(-1);
        await db.ApiTokens.Where(t => t.Id == tokenId && (t.LastUsedAt == null || t.LastUsedAt < stale))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = _refusal is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await WriteProblemAsync(new ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = _refusal is null ? "API token required" : "API token not accepted",
            Detail = _refusal ?? "Changes need an API token in an 'Authorization: Bearer' header. Create one on your account page at /account/tokens.",
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await WriteProblemAsync(new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = "Not allowed for your account",
            Detail = "The token's account has no right to make this change. An administrator assigns roles and scopes.",
        });
    }

    private Task WriteProblemAsync(ProblemDetails problem) =>
        problems.WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = problem }).AsTask();
}
