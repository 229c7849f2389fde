using System.Globalization;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Every row of a CORDIS organization.csv, held compactly so the projects can be streamed past it.
/// <para>
/// Why this shape: organization.csv is not sorted by project, so each project's participants can only be
/// found once the whole file has been read. Holding its rows as objects (several strings each) would cost around
/// 400 MB for 2 million rows. Here a row is a 40-byte struct (project number, share, order, role, source row and an
/// index into <see cref="CordisOrganisations"/>, which stores each distinct name and country once, however many
/// projects the organisation takes part in). The array is sorted by project once, and each project finds its rows
/// by binary search. Nothing is written to disk and neither file needs to be sorted or seekable.
/// </para>
/// <para>
/// Cost: about 40 bytes a participant row plus about 30 bytes and the name a distinct organisation. The figures
/// measured on a million generated projects are in the Grants/Import README.
/// </para>
/// </summary>
internal sealed class CordisParticipants
{
    public const string FileName = "organization.csv";

    private static readonly string[] RequiredColumns = ["projectID", "name", "role"];

    /// <summary>CORDIS roles that receive (or may receive) part of the grant; anything else is kept as a participant with a warning.</summary>
    private static readonly HashSet<string> ParticipantRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "participant", "partner", "beneficiary", "thirdParty", "associatedPartner", "internationalPartner", "hostInstitution",
    };

    private readonly CordisOrganisations _organisations = new();
    private readonly Dictionary<long, List<RowError>> _problems = [];
    private Participation[] _rows = new Participation[1024];
    private int _count;
    private bool[] _used = [];

    private CordisParticipants()
    {
    }

    public int Count => _count;

    /// <summary>Rows whose projectID is not a project number, so they belong to no grant; reported on their own.</summary>
    public List<ReadResult> Unattached { get; } = [];

    /// <summary>Reads the whole of organization.csv; null with a reason when the file cannot be used at all.</summary>
    public static async Task<(CordisParticipants? Participants, string? Failure)> LoadAsync(Stream stream, GrantReadOptions options, CancellationToken ct)
    {
        using var table = new CsvTable(stream, CsvTable.Utf8, ";", options.MaxGrantBytes);
        if (!await table.ReadHeaderAsync()) return (null, $"{FileName}: {table.Failure ?? "the file is empty"}.");
        var missing = RequiredColumns.Where(c => table.Column(c) < 0).ToList();
        if (missing.Count > 0)
            return (null, $"{FileName} lacks required columns: {string.Join(", ", missing)}.{table.DelimiterHint(";")}");

        var participants = new CordisParticipants();
        var columns = new Columns(table.Column("projectID"), table.Column("name"), table.Column("role"), table.Column("country"),
            table.Column("ecContribution"), table.Column("order"));
        while (await table.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            participants.Add(table, columns);
        }
        if (table.Failure is not null) return (null, $"{FileName}: {table.Failure}");
        Array.Sort(participants._rows, 0, participants._count);
        participants._used = new bool[participants._count];
        return (participants, null);
    }

    private void Add(CsvTable table, Columns columns)
    {
        var row = table.Record;
        var projectText = table[columns.Project];
        if (!long.TryParse(projectText, NumberStyles.None, CultureInfo.InvariantCulture, out var project))
        {
            Unattached.Add(new ReadResult(row, null,
                [new RowError(row, $"{FileName} projectID", projectText, "is not a CORDIS project number, so the row belongs to no project")]));
            return;
        }
        var name = GrantDraft.Clean(table[columns.Name]);
        if (name is null) Problem(project, row, "name", null, "is required for every participant");

        var share = (decimal?)null;
        if (GrantDraft.Clean(table[columns.Share]) is { } shareText)
        {
            if (ValueParsers.TryParseAmount(shareText, DecimalSeparator.Detect, out var parsed) && parsed >= 0) share = parsed;
            else Problem(project, row, "ecContribution", shareText, "is not an amount of zero or more without thousands separators (e.g. 1234.56 or 1234,56)");
        }

        var roleText = GrantDraft.Clean(table[columns.Role]);
        var role = OrganisationRole.Participant;
        if (string.Equals(roleText, "coordinator", StringComparison.OrdinalIgnoreCase)) role = OrganisationRole.Lead;
        else if (roleText is null || !ParticipantRoles.Contains(roleText))
            Problem(project, row, "role", roleText, "is not a CORDIS role this reader knows; the organisation is kept as a participant", IssueSeverity.Warning);

        var countryText = GrantDraft.Clean(table[columns.Country]);
        string? country = null;
        if (countryText is not null)
        {
            // Like a 360Giving address, a code CORDIS uses that is not ISO ("XK" in some vintages) is left out, not an error.
            var code = ReferenceCodes.NormaliseCountryCode(countryText);
            if (ReferenceCodes.IsCountry(code)) country = code;
        }
        var order = int.TryParse(table[columns.Order], NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : int.MaxValue;

        table.ReportTextProblems((column, value, reason) => Problem(project, row, column, value, reason));
        if (name is null) return;
        if (_count == _rows.Length) Array.Resize(ref _rows, _rows.Length * 2);
        _rows[_count++] = new Participation(project, share, _organisations.Add(name, country), order, row, role);
    }

    private void Problem(long project, int row, string column, string? value, string reason, IssueSeverity severity = IssueSeverity.Error)
    {
        if (!_problems.TryGetValue(project, out var list)) _problems[project] = list = [];
        list.Add(new RowError(row, $"{FileName} {column}", value, $"{reason} ({FileName} row {row})", severity));
    }

    /// <summary>Adds the project's participants (lead first, then by CORDIS order) and any problems found in their rows.</summary>
    public void AddTo(long project, GrantDraft draft)
    {
        var (start, end) = Range(project);
        for (var i = start; i < end; i++)
        {
            ref readonly var row = ref _rows[i];
            var (name, country) = _organisations[row.Organisation];
            draft.AddRecipient("", null, "", name, country, row.Role, row.Share, identifierRequired: false);
            _used[i] = true;
        }
        if (_problems.TryGetValue(project, out var problems))
        {
            foreach (var problem in problems)
            {
                if (problem.Severity == IssueSeverity.Warning) draft.Warning(problem.Row, problem.Field, problem.Value, problem.Reason);
                else draft.Error(problem.Row, problem.Field, problem.Value, problem.Reason);
            }
        }
    }

    /// <summary>Participant rows no project claimed, with a few of their project numbers, for a closing warning.</summary>
    public (int Rows, IReadOnlyList<long> Examples) Unclaimed()
    {
        var rows = 0;
        var examples = new List<long>();
        for (var i = 0; i < _count; i++)
        {
            if (_used[i]) continue;
            rows++;
            if (examples.Count < 5 && !examples.Contains(_rows[i].Project)) examples.Add(_rows[i].Project);
        }
        return (rows, examples);
    }

    private (int Start, int End) Range(long project)
    {
        int low = 0, high = _count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_rows[middle].Project < project) low = middle + 1;
            else high = middle;
        }
        var end = low;
        while (end < _count && _rows[end].Project == project) end++;
        return (low, end);
    }

    private readonly record struct Columns(int Project, int Name, int Role, int Country, int Share, int Order);

    /// <summary>One participant row in 40 bytes: the fields are ordered, and the role and the share's presence kept in bytes, to avoid padding.</summary>
    private readonly struct Participation(long project, decimal? share, int organisation, int order, int sourceRow, OrganisationRole role)
        : IComparable<Participation>
    {
        private readonly decimal _share = share ?? 0;
        public readonly long Project = project;
        public readonly int Organisation = organisation;
        public readonly int Order = order;
        public readonly int SourceRow = sourceRow;
        private readonly byte _role = (byte)role;
        private readonly bool _hasShare = share is not null;

        public decimal? Share => _hasShare ? _share : null;

        public OrganisationRole Role => (OrganisationRole)_role;

        // By project; within one, the coordinator first, then CORDIS's own order, then the file's.
        public int CompareTo(Participation other)
        {
            var byProject = Project.CompareTo(other.Project);
            if (byProject != 0) return byProject;
            var byRole = (Role == OrganisationRole.Lead ? 0 : 1).CompareTo(other.Role == OrganisationRole.Lead ? 0 : 1);
            if (byRole != 0) return byRole;
            var byOrder = Order.CompareTo(other.Order);
            return byOrder != 0 ? byOrder : SourceRow.CompareTo(other.SourceRow);
        }
    }
}
