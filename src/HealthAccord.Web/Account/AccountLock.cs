namespace HealthAccord.Web.Account;

/// <summary>
/// Two kinds of lock share Identity's lockout end date. Repeated wrong passwords lock an account for a while; an
/// administrator locks it with no end in sight. Only the second also stops the account's sessions and API tokens: a
/// stranger guessing passwords should not be able to switch off someone's automated imports.
/// </summary>
public static class AccountLock
{
    /// <summary>
    /// The end date an administrator's lock sets: far enough to mean "until unlocked", and a value both SQLite and
    /// PostgreSQL store exactly (DateTimeOffset.MaxValue has more precision than PostgreSQL keeps).
    /// </summary>
    public static readonly DateTimeOffset ByAdministrator = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool IsLockedByAdministrator(DateTimeOffset? lockoutEnd) => lockoutEnd >= ByAdministrator;
}
