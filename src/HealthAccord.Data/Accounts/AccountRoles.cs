using Microsoft.AspNetCore.Identity;

namespace HealthAccord.Data.Accounts;

/// <summary>
/// The three roles an account can hold. Anonymous readers have no account. The roles are part of the schema
/// (seeded by the migrations) because the rules in the code name them.
/// </summary>
public static class AccountRoles
{
    /// <summary>Everything, including user administration.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Keeps the records of the partnerships in their scope, and imports grants.</summary>
    public const string Editor = "Editor";

    /// <summary>Answers for one organisation's record.</summary>
    public const string FunderRepresentative = "FunderRepresentative";

    public static readonly IReadOnlyList<string> All = [Administrator, Editor, FunderRepresentative];

    /// <summary>Fixed ids and stamps, so the seeded rows are the same in every migration and database.</summary>
    internal static IEnumerable<IdentityRole> Seed() =>
    [
        new() { Id = "role-administrator", Name = Administrator, NormalizedName = Administrator.ToUpperInvariant(), ConcurrencyStamp = "b1f7c2a0-0001-4d6e-9a61-3c1f0f3e0a01" },
        new() { Id = "role-editor", Name = Editor, NormalizedName = Editor.ToUpperInvariant(), ConcurrencyStamp = "b1f7c2a0-0002-4d6e-9a61-3c1f0f3e0a02" },
        new() { Id = "role-funder-representative", Name = FunderRepresentative, NormalizedName = FunderRepresentative.ToUpperInvariant(), ConcurrencyStamp = "b1f7c2a0-0003-4d6e-9a61-3c1f0f3e0a03" },
    ];
}
