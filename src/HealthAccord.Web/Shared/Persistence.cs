using HealthAccord.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Shared;

public static class Persistence
{
    /// <summary>Saves, turning a lost optimistic-concurrency race into a 409 problem instead of an exception.</summary>
    public static async Task<ProblemHttpResult?> TrySaveAsync(this HealthAccordDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Preconditions.Conflict();
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            // Two writers raced past the uniqueness check (same slug or ROR id); the loser is told, not crashed.
            db.ChangeTracker.Clear();
            return TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "A record with the same unique value already exists",
                Detail = "Another record with this slug, ROR id or identifier was saved at the same moment. Nothing of yours was saved.",
            });
        }
    }

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException postgres => postgres.SqlState == "23505",
        _ => false,
    };

    /// <summary>Validates an ISO 3166-1 alpha-2 code (or EU) against the reference table.</summary>
    public static async Task CheckCountryAsync(this Validation validation, HealthAccordDbContext db, string field, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code)) return;
        var normalised = code.Trim().ToUpperInvariant();
        if (normalised.Length != 2 || !await db.Countries.AnyAsync(c => c.Code == normalised, ct))
            validation.Add(field, $"'{code}' is not an ISO 3166-1 alpha-2 country code (use EU for the European Union).");
    }

    public static string? NormaliseCountry(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();

    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
