using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HealthAccord.Web.Shared;

/// <summary>
/// Interim, until accounts exist: a request that carries the editors' key (<c>Api:WriteKey</c>, as <c>X-Api-Key</c>
/// or <c>Authorization: Bearer</c>, the way <see cref="ApiKeyFilter"/> reads it) is signed in as "the API key holder".
/// That gives pages and the change history a <see cref="HttpContext.User"/> to work with. Writes are still guarded
/// by <see cref="ApiKeyFilter"/>; this scheme goes when that filter does.
/// </summary>
public sealed class EditorKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IConfiguration configuration) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "EditorKey";

    /// <summary>The actor id recorded for changes made with the key.</summary>
    public const string HolderId = "api-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var configured = configuration["Api:WriteKey"];
        var presented = Presented(Request);
        if (string.IsNullOrEmpty(configured) || presented is null) return Task.FromResult(AuthenticateResult.NoResult());
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(configured)))
            return Task.FromResult(AuthenticateResult.Fail("The API key was not accepted."));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, HolderId), new Claim(ClaimTypes.Name, "API key holder")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(ApiKeyFilter.HeaderName, out var key) && !string.IsNullOrEmpty(key)) return key.ToString();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    public static IServiceCollection AddEditorKeyAuthentication(IServiceCollection services)
    {
        services.AddAuthentication(SchemeName).AddScheme<AuthenticationSchemeOptions, EditorKeyAuthentication>(SchemeName, null);
        return services;
    }
}
