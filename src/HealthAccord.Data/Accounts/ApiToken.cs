namespace HealthAccord.Data.Accounts;

/// <summary>
/// A bearer token for the API, acting with its owner's rights. Only the SHA-256 of the token is kept: the token
/// itself is shown once when it is created, so a copy of the database does not hand out working tokens.
/// </summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public HealthAccordUser? User { get; set; }

    /// <summary>What the owner called it, e.g. "nightly import"; shown in their token list.</summary>
    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole token string.</summary>
    public required string Hash { get; set; }

    /// <summary>The token's first characters, so the owner can tell tokens apart without the secret part.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }

    public bool IsActiveAt(DateTime utcNow) => RevokedAt is null && ExpiresAt > utcNow;
}
