using System.Runtime.CompilerServices;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Reads the 360Giving flattened CSV, one grant per record, streaming with CsvHelper, and checks each grant as
/// the JSON reader does. Report lines name the file's own column titles.
/// </summary>
public static class ThreeSixtyGivingCsvReader
{
    private const string Recipient = ThreeSixtyGivingCsvColumns.RecipientGroup;
    private const string Funder = ThreeSixtyGivingCsvColumns.FunderGroup;

    public static async IAsyncEnumerable<ReadResult> ReadAsync(Stream stream, GrantReadOptions? options = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        options ??= new GrantReadOptions();
        var datasetName = options.DatasetName ?? "stream";
        using var table = new CsvTable(stream, CsvTable.Utf8, options.CsvDelimiter, options.MaxGrantBytes);
        if (!await table.ReadHeaderAsync())
        {
            yield return ReadResult.FileError(0, table.Failure ?? "The file is empty: there is no header row.");
            yield break;
        }
        var columns = new ThreeSixtyGivingCsvColumns(table.Header);
        var missing = columns.MissingRequired().ToList();
        if (missing.Count > 0)
        {
            yield return ReadResult.FileError(0,
                $"The header lacks required 360Giving columns: {string.Join(", ", missing)}.{table.DelimiterHint(options.CsvDelimiter)}");
            yield break;
        }
        var names = new GrantFieldNames(columns.Title("", 0, "Identifier"), columns.Title("", 0, "Title"), columns.Title("", 0, "Currency"),
            columns.Title("", 0, "Amount Awarded"), columns.Title("", 0, "Award Date"), Funder, Recipient);
        using var identifiers = new DuplicateIds();
        while (await table.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            var draft = new GrantDraft(names, table.Record, datasetName, options.DateFormat);
            ReadRecord(table, columns, draft);
            yield return draft.Finish(identifiers);
        }
        if (table.Failure is not null) yield return ReadResult.FileError(table.Record + 1, table.Failure);
    }

    private static void ReadRecord(CsvTable table, ThreeSixtyGivingCsvColumns columns, GrantDraft draft)
    {
        string? Field(string group, int index, string name) => table[columns.Find(group, index, name)];

        draft.SetIdentifier(Field("", 0, "Identifier"));
        draft.SetTitle(Field("", 0, "Title"));
        draft.SetDescription(Field("", 0, "Description"));
        draft.SetCurrency(Field("", 0, "Currency"));
        draft.SetAmountText(Field("", 0, "Amount Awarded"), DecimalSeparator.Point);
        draft.SetAwardDate(Field("", 0, "Award Date"));
        const string planned = ThreeSixtyGivingCsvColumns.PlannedDatesGroup;
        draft.SetPlannedStart(columns.Title(planned, 0, "Start Date"), Field(planned, 0, "Start Date"));
        draft.SetPlannedEnd(columns.Title(planned, 0, "End Date"), Field(planned, 0, "End Date"));

        for (var i = 0; i < columns.Items(Funder); i++)
        {
            var id = Field(Funder, i, "Identifier");
            var name = Field(Funder, i, "Name");
            // Later numbered columns are often left empty for grants with one funder; only a half-filled item is wrong.
            if (i > 0 && GrantDraft.Clean(id) is null && GrantDraft.Clean(name) is null) continue;
            draft.AddFunder(columns.Title(Funder, i, "Identifier"), id, columns.Title(Funder, i, "Name"), name);
        }
        for (var i = 0; i < columns.Items(Recipient); i++)
        {
            var id = Field(Recipient, i, "Identifier");
            var name = Field(Recipient, i, "Name");
            if (i > 0 && GrantDraft.Clean(id) is null && GrantDraft.Clean(name) is null) continue;
            var country = ReferenceCodes.CountryFromText(Field(Recipient, i, "Country"));
            draft.AddRecipient(columns.Title(Recipient, i, "Identifier"), id, columns.Title(Recipient, i, "Name"), name, country,
                i == 0 ? OrganisationRole.Lead : OrganisationRole.Participant);
        }
        const string location = ThreeSixtyGivingCsvColumns.LocationGroup;
        for (var i = 0; i < columns.Items(location); i++)
            draft.AddBeneficiaryCountry(columns.Title(location, i, "Country Code"), Field(location, i, "Country Code"));
        const string programme = ThreeSixtyGivingCsvColumns.ProgrammeGroup;
        for (var i = 0; i < columns.Items(programme); i++)
            draft.AddProgramme(GrantDraft.Clean(Field(programme, i, "Title")) ?? Field(programme, i, "Code"));
        const string classification = ThreeSixtyGivingCsvColumns.ClassificationGroup;
        for (var i = 0; i < columns.Items(classification); i++)
            draft.AddClassification(Field(classification, i, "Vocabulary"), Field(classification, i, "Code"), Field(classification, i, "Title"));
        table.ReportTextProblems(draft.Error);
    }
}
