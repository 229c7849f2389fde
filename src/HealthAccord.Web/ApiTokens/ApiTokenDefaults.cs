namespace HealthAccord.Web.ApiTokens;

public static class ApiTokenDefaults
{
    /// <summary>The authentication scheme that reads <c>Authorization: Bearer</c> API tokens.</summary>
    public const string Scheme = "ApiToken";

    /// <summary>Marks the token's text, so a leaked one is recognisable in a file or a secret scanner.</summary>
    public const string TextPrefix = "hat_";

    /// <summary>The claim carrying the id of the token a request was authenticated with.</summary>
    public const string TokenIdClaim = "healthaccord:api-token";

    /// <summary>The lifetimes an owner can choose from, in days; a token never lives longer than a year.</summary>
    public static readonly IReadOnlyList<int> LifetimeDays = [7, 30, 90, 365];
}
