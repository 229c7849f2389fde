using HealthAccord.Data.Portfolio;
using Microsoft.Data.Sqlite;

namespace HealthAccord.Web.Grants.Import.Sqlite;

/// <summary>
/// Every statement a bulk grant import runs, compiled once for its transaction. Values are bound as the CLR types
/// EF Core would bind (decimal, DateOnly, DateTime, enum names), so rows written here read back through the
/// DbContext exactly like rows it wrote itself.
/// </summary>
internal sealed class SqliteGrantStatements : IDisposable
{
    private static readonly string[] GrantValueColumns =
    [
        "Title", "Description", "Currency", "AmountAwarded", "AmountEur", "EurRate", "EurRateDate", "AwardDate",
        "PlannedStart", "PlannedEnd", "Programme", "Call", "Topic", "SourceDataset", "SourceRow",
    ];

    private readonly List<IDisposable> _all = [];

    public SqliteGrantStatements(SqliteConnection connection, SqliteTransaction transaction)
    {
        T Add<T>(T command)
            where T : IDisposable
        {
            _all.Add(command);
            return command;
        }
        // Reads go through Microsoft.Data.Sqlite's readers; writes, run for every row, through SQLite's own interface.
        ReusedCommand Query(string sql, int parameters) => Add(new ReusedCommand(connection, transaction, sql, parameters));
        ReusedStatement Sql(string sql) => Add(new ReusedStatement(connection, sql));
        ReusedStatement Insert(string table, params string[] columns) => Add(ReusedStatement.Insert(connection, table, columns));

        InsertGrant = Insert("Grants", ["Id", "Identifier", .. GrantValueColumns, "ImportedAt", "UpdatedAt", "Version"]);
        // $p0 is the id; the values follow in GrantValueColumns order, then the update time.
        UpdateGrant = Sql($"""
            UPDATE "Grants" SET {string.Join(", ", GrantValueColumns.Select((c, i) => $"\"{c}\" = $p{i + 1}"))},
                "UpdatedAt" = $p{GrantValueColumns.Length + 1}, "Version" = "Version" + 1
            WHERE "Id" = $p0
            """);
        FindGrant = Query($"""SELECT "Id", {string.Join(", ", GrantValueColumns.Select(c => $"\"{c}\""))} FROM "Grants" WHERE "Identifier" = $p0""", 1);

        InsertParticipant = Insert("GrantParticipants", "GrantId", "Position", "OrganisationId", "Role", "Share");
        InsertCountry = Insert("GrantCountries", "GrantId", "CountryCode");
        InsertPathogen = Insert("GrantPathogens", "GrantId", "Pathogen", "Rule");
        InsertCategory = Insert("GrantCategories", "GrantId", "HrcsCode");
        ReadParticipants = Query("""SELECT "OrganisationId", "Role", "Share" FROM "GrantParticipants" WHERE "GrantId" = $p0 ORDER BY "Position" """, 1);
        ReadCountries = Query("""SELECT "CountryCode" FROM "GrantCountries" WHERE "GrantId" = $p0""", 1);
        ReadPathogens = Query("""SELECT "Pathogen", "Rule" FROM "GrantPathogens" WHERE "GrantId" = $p0""", 1);
        ReadCategories = Query("""SELECT "HrcsCode" FROM "GrantCategories" WHERE "GrantId" = $p0""", 1);
        ReadPartnerships = Query("""SELECT "PartnershipsId" FROM "GrantPartnerships" WHERE "GrantId" = $p0""", 1);
        InsertPartnership = Insert("GrantPartnerships", "GrantId", "PartnershipsId");
        DeletePartnership = Sql("""DELETE FROM "GrantPartnerships" WHERE "GrantId" = $p0 AND "PartnershipsId" = $p1""");
        DeleteLists =
        [
            Sql("""DELETE FROM "GrantParticipants" WHERE "GrantId" = $p0"""),
            Sql("""DELETE FROM "GrantCountries" WHERE "GrantId" = $p0"""),
            Sql("""DELETE FROM "GrantPathogens" WHERE "GrantId" = $p0"""),
            Sql("""DELETE FROM "GrantCategories" WHERE "GrantId" = $p0"""),
        ];

        InsertOrganisation = Insert("Organisations",
            "Id", "Name", "Type", "CountryCode", "RorId", "NeedsReview", "Sources", "CreatedAt", "UpdatedAt", "Version");
        InsertIdentifier = Insert("OrganisationIdentifiers", "Value", "OrganisationId");
    }

    public ReusedStatement InsertGrant { get; }
    public ReusedStatement UpdateGrant { get; }
    public ReusedCommand FindGrant { get; }
    public ReusedStatement InsertParticipant { get; }
    public ReusedStatement InsertCountry { get; }
    public ReusedStatement InsertPathogen { get; }
    public ReusedStatement InsertCategory { get; }
    public ReusedCommand ReadParticipants { get; }
    public ReusedCommand ReadCountries { get; }
    public ReusedCommand ReadPathogens { get; }
    public ReusedCommand ReadCategories { get; }
    public ReusedCommand ReadPartnerships { get; }
    public ReusedStatement InsertPartnership { get; }
    public ReusedStatement DeletePartnership { get; }
    public IReadOnlyList<ReusedStatement> DeleteLists { get; }
    public ReusedStatement InsertOrganisation { get; }
    public ReusedStatement InsertIdentifier { get; }

    /// <summary>Binds a grant's values to <paramref name="statement"/> from parameter <paramref name="first"/> on, in GrantValueColumns order.</summary>
    public static int BindValues(ReusedStatement statement, int first, PreparedGrant grant)
    {
        var r = grant.Record;
        statement.Set(first, r.Title).Set(first + 1, r.Description).Set(first + 2, r.Currency).Set(first + 3, r.AmountAwarded)
            .Set(first + 4, grant.AmountEur).Set(first + 5, grant.EurRate).Set(first + 6, grant.EurRateDate).Set(first + 7, r.AwardDate)
            .Set(first + 8, r.PlannedStart).Set(first + 9, r.PlannedEnd).Set(first + 10, r.Programme).Set(first + 11, r.Call)
            .Set(first + 12, r.Topic).Set(first + 13, r.DatasetName).Set(first + 14, r.SourceRow);
        return first + GrantValueColumns.Length;
    }

    /// <summary>The stored grant with this identifier and its lists, or null.</summary>
    public StoredGrant? Find(string identifier)
    {
        StoredGrant stored;
        using (var reader = FindGrant.Set(0, identifier).Read())
        {
            if (!reader.Read()) return null;
            stored = new StoredGrant
            {
                Id = reader.GetInt64(0),
                Title = reader.GetString(1),
                Description = reader.IsDBNull(2) ? null : reader.GetString(2),
                Currency = reader.GetString(3),
                AmountAwarded = reader.GetDecimal(4),
                AmountEur = reader.IsDBNull(5) ? null : reader.GetDecimal(5),
                EurRate = reader.IsDBNull(6) ? null : reader.GetDecimal(6),
                EurRateDate = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7),
                AwardDate = reader.GetFieldValue<DateOnly>(8),
                PlannedStart = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9),
                PlannedEnd = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateOnly>(10),
                Programme = reader.IsDBNull(11) ? null : reader.GetString(11),
                Call = reader.IsDBNull(12) ? null : reader.GetString(12),
                Topic = reader.IsDBNull(13) ? null : reader.GetString(13),
                SourceDataset = reader.GetString(14),
                SourceRow = reader.GetInt32(15),
            };
        }
        using (var reader = ReadParticipants.Set(0, stored.Id).Read())
        {
            while (reader.Read())
                stored.Participants.Add((reader.GetInt32(0), Enum.Parse<ParticipantRole>(reader.GetString(1)), reader.IsDBNull(2) ? null : reader.GetDecimal(2)));
        }
        using (var reader = ReadCountries.Set(0, stored.Id).Read())
        {
            while (reader.Read()) stored.Countries.Add(reader.GetString(0));
        }
        using (var reader = ReadPathogens.Set(0, stored.Id).Read())
        {
            while (reader.Read()) stored.Pathogens.Add((reader.GetString(0), reader.GetString(1)));
        }
        using (var reader = ReadCategories.Set(0, stored.Id).Read())
        {
            while (reader.Read()) stored.Categories.Add(reader.GetString(0));
        }
        return stored;
    }

    /// <summary>The ids of the partnerships a stored grant is linked to.</summary>
    public HashSet<int> Partnerships(long grantId)
    {
        var ids = new HashSet<int>();
        using var reader = ReadPartnerships.Set(0, grantId).Read();
        while (reader.Read()) ids.Add(reader.GetInt32(0));
        return ids;
    }

    public void Dispose()
    {
        foreach (var command in _all) command.Dispose();
    }
}
