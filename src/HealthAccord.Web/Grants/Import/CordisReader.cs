using System.Globalization;
using System.Runtime.CompilerServices;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Reads a CORDIS export (project.csv and organization.csv: ';' separated, every field quoted) into one grant per
/// project with all its participants. organization.csv is read first into <see cref="CordisParticipants"/>; then
/// project.csv is streamed, so memory grows with the participant rows, not with the project texts.
/// </summary>
public static class CordisReader
{
    public const string ProjectFileName = "project.csv";

    private static readonly string[] RequiredColumns = ["id", "title", "ecMaxContribution", "startDate"];

    // The funder of every CORDIS project. No identifier: the Commission's org-id is not in the data, and one is
    // not invented here (the registry's writer can match the name to its organisation record).
    private const string Funder = "European Commission";

    private static readonly GrantFieldNames Names = new("id", "title", "currency", "ecMaxContribution", "ecSignatureDate", "funder",
        CordisParticipants.FileName);

    /// <summary>Reads a folder holding project.csv and organization.csv, or a project.csv with organization.csv beside it.</summary>
    public static async IAsyncEnumerable<ReadResult> ReadAsync(string path, GrantReadOptions? options = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var folder = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        var projects = Directory.Exists(path) ? Path.Combine(path, ProjectFileName) : path;
        var organisations = Path.Combine(folder, CordisParticipants.FileName);
        var missing = new[] { projects, organisations }.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            yield return ReadResult.FileError(0, $"A CORDIS export needs {ProjectFileName} and {CordisParticipants.FileName} in one folder; not found: {string.Join(", ", missing)}.");
            yield break;
        }
        options = (options ?? new GrantReadOptions()) with { DatasetName = options?.DatasetName ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)) };
        await using var projectStream = OpenSequential(projects);
        await using var organisationStream = OpenSequential(organisations);
        await foreach (var result in ReadAsync(projectStream, organisationStream, options, ct)) yield return result;
    }

    public static async IAsyncEnumerable<ReadResult> ReadAsync(Stream projects, Stream organisations, GrantReadOptions? options = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        options ??= new GrantReadOptions();
        var datasetName = options.DatasetName ?? "cordis";
        var (participants, failure) = await CordisParticipants.LoadAsync(organisations, options, ct);
        if (participants is null)
        {
            yield return ReadResult.FileError(0, failure!);
            yield break;
        }
        foreach (var unattached in participants.Unattached) yield return unattached;

        using var table = new CsvTable(projects, CsvTable.Utf8, ";", options.MaxGrantBytes);
        if (!await table.ReadHeaderAsync())
        {
            yield return ReadResult.FileError(0, $"{ProjectFileName}: {table.Failure ?? "the file is empty"}.");
            yield break;
        }
        var missing = RequiredColumns.Where(c => table.Column(c) < 0).ToList();
        if (missing.Count > 0)
        {
            yield return ReadResult.FileError(0, $"{ProjectFileName} lacks required columns: {string.Join(", ", missing)}.{table.DelimiterHint(";")}");
            yield break;
        }
        var columns = new ProjectColumns(table);
        using var identifiers = new DuplicateIds();
        while (await table.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            var draft = new GrantDraft(Names, table.Record, datasetName, options.DateFormat);
            ReadProject(table, columns, participants, draft);
            yield return draft.Finish(identifiers);
        }
        if (table.Failure is not null)
        {
            yield return ReadResult.FileError(table.Record + 1, $"{ProjectFileName}: {table.Failure}");
            yield break;
        }
        var (rows, examples) = participants.Unclaimed();
        if (rows > 0)
        {
            yield return new ReadResult(0, null, [new RowError(0, $"{CordisParticipants.FileName} projectID", string.Join(", ", examples),
                $"{rows} participant rows name projects that are not in {ProjectFileName}; they were not imported", IssueSeverity.Warning)]);
        }
    }

    private static void ReadProject(CsvTable table, ProjectColumns columns, CordisParticipants participants, GrantDraft draft)
    {
        var id = table[columns.Id];
        draft.SetIdentifier(id);
        draft.SetTitle(table[columns.Title]);
        draft.SetDescription(table[columns.Objective]);
        draft.SetCurrency("EUR");
        draft.SetAmountText(table[columns.Amount], DecimalSeparator.Detect);
        draft.SetPlannedStart("startDate", table[columns.Start]);
        draft.SetPlannedEnd("endDate", table[columns.End]);
        // Projects without a signature date (some older vintages) are dated by their start, the next best record of
        // when the award was made; a signature date that is present but unreadable is an error, not a fallback.
        var signed = GrantDraft.Clean(table[columns.Signed]);
        if (signed is not null) draft.SetAwardDate(signed);
        else draft.UsePlannedStartAsAwardDate();
        draft.AddProgramme(table[columns.Programme]);
        draft.SetCall(GrantDraft.Clean(table[columns.MasterCall]) ?? table[columns.SubCall]);
        draft.SetTopic(table[columns.Topics]);
        draft.AddFunder("funder", null, "funder", Funder, identifierRequired: false);
        if (long.TryParse(GrantDraft.Clean(id), NumberStyles.None, CultureInfo.InvariantCulture, out var project))
            participants.AddTo(project, draft);
        else if (GrantDraft.Clean(id) is not null)
            draft.Error("id", id, $"is not a CORDIS project number, so its participants in {CordisParticipants.FileName} cannot be found");
        table.ReportTextProblems(draft.Error);
    }

    private static FileStream OpenSequential(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private sealed class ProjectColumns(CsvTable table)
    {
        public int Id { get; } = table.Column("id");
        public int Title { get; } = table.Column("title");
        public int Objective { get; } = table.Column("objective");
        public int Amount { get; } = table.Column("ecMaxContribution");
        public int Signed { get; } = table.Column("ecSignatureDate");
        public int Start { get; } = table.Column("startDate");
        public int End { get; } = table.Column("endDate");
        public int Programme { get; } = table.Column("frameworkProgramme");
        public int MasterCall { get; } = table.Column("masterCall");
        public int SubCall { get; } = table.Column("subCall");
        public int Topics { get; } = table.Column("topics");
    }
}
