using System.Data.Common;
using HealthAccord.Data.Portfolio;

namespace HealthAccord.Web.Pathogens;

/// <summary>What the briefing needs of each grant; the rest of the row (title, description) is read only for the few it lists.</summary>
internal sealed record GrantFacts(long Id, decimal? AmountEur, DateOnly AwardDate, bool Live);

/// <summary>A grant and one of its values: a country, funder, HRCS category or partnership.</summary>
internal readonly record struct Pair<TKey>(long GrantId, TKey Key);

/// <summary>
/// The briefing's bulk reads, through a data reader rather than EF Core queries. For a pathogen as common as COVID-19
/// at a million grants they return some 300,000 rows; materialising those through EF Core cost about twice what the
/// database itself spent finding them (BENCHMARKS.md, "Outbreak briefing"). The SQL is plain enough for both
/// providers: quoted identifiers as the migrations create them, named parameters, and no provider functions.
/// </summary>
internal static class BriefingReads
{
    private const string Tagged = """SELECT "GrantId" FROM "GrantPathogens" WHERE "Pathogen" = @pathogen""";

    /// <summary>The pathogen's grants by id. "Live" is the search's (GrantSearch.IsLive): both planned dates given and today within them.</summary>
    public static async Task<Dictionary<long, GrantFacts>> GrantsAsync(DbConnection connection, string pathogen, DateOnly today, CancellationToken ct)
    {
        await using var command = Command(connection, $"""
            SELECT "Id", "AmountEur", "AwardDate",
                   CASE WHEN "PlannedStart" <= @today AND "PlannedEnd" >= @today THEN 1 ELSE 0 END
            FROM "Grants" WHERE "Id" IN ({Tagged})
            """, pathogen);
        AddParameter(command, "today", today);
        var grants = new Dictionary<long, GrantFacts>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt64(0);
            grants[id] = new GrantFacts(id, reader.IsDBNull(1) ? null : reader.GetDecimal(1), reader.GetFieldValue<DateOnly>(2), reader.GetInt32(3) == 1);
        }
        return grants;
    }

    public static Task<List<Pair<string>>> CountriesAsync(DbConnection connection, string pathogen, CancellationToken ct) =>
        PairsAsync(connection, $"""SELECT "GrantId", "CountryCode" FROM "GrantCountries" WHERE "GrantId" IN ({Tagged})""", pathogen,
            static r => r.GetString(1), ct);

    public static Task<List<Pair<int>>> FundersAsync(DbConnection connection, string pathogen, CancellationToken ct) =>
        PairsAsync(connection, $"""
            SELECT "GrantId", "OrganisationId" FROM "GrantParticipants"
            WHERE "Role" = '{nameof(ParticipantRole.Funder)}' AND "GrantId" IN ({Tagged})
            """, pathogen, static r => r.GetInt32(1), ct);

    public static Task<List<Pair<string>>> CategoriesAsync(DbConnection connection, string pathogen, CancellationToken ct) =>
        PairsAsync(connection, $"""SELECT "GrantId", "HrcsCode" FROM "GrantCategories" WHERE "GrantId" IN ({Tagged})""", pathogen,
            static r => r.GetString(1), ct);

    /// <summary>The link table itself, not Grant.Partnerships: through the navigation each grant's row would be read again.</summary>
    public static Task<List<Pair<int>>> PartnershipsAsync(DbConnection connection, string pathogen, CancellationToken ct) =>
        PairsAsync(connection, $"""SELECT "GrantId", "PartnershipsId" FROM "GrantPartnerships" WHERE "GrantId" IN ({Tagged})""", pathogen,
            static r => r.GetInt32(1), ct);

    private static async Task<List<Pair<TKey>>> PairsAsync<TKey>(DbConnection connection, string sql, string pathogen,
        Func<DbDataReader, TKey> key, CancellationToken ct)
    {
        await using var command = Command(connection, sql, pathogen);
        var pairs = new List<Pair<TKey>>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) pairs.Add(new Pair<TKey>(reader.GetInt64(0), key(reader)));
        return pairs;
    }

    private static DbCommand Command(DbConnection connection, string sql, string pathogen)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        AddParameter(command, "pathogen", pathogen);
        return command;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
