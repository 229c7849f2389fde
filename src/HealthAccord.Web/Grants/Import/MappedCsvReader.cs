using System.Runtime.CompilerServices;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// Reads any CSV as grants by a <see cref="CsvMapping"/> (see MAPPING.md). With <c>groupBy</c>, consecutive rows
/// with the same identifier are one grant: one recipient per row, the amounts summed. The file must then be sorted
/// (or at least grouped) by identifier; an identifier that comes back after another one is a duplicate-id error,
/// which keeps reading a stream that never holds more than one grant.
/// </summary>
public static class MappedCsvReader
{
    private static readonly HashSet<string> LeadRoles = new(StringComparer.OrdinalIgnoreCase) { "lead", "coordinator", "lead applicant", "principal" };
    private static readonly HashSet<string> ParticipantRoles = new(StringComparer.OrdinalIgnoreCase) { "participant", "partner", "co-applicant", "member" };

    public static async IAsyncEnumerable<ReadResult> ReadAsync(Stream stream, CsvMapping mapping, GrantReadOptions? options = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        options ??= new GrantReadOptions();
        var problems = mapping.Validate();
        if (problems.Count > 0)
        {
            yield return MappingErrors(problems);
            yield break;
        }
        using var table = new CsvTable(stream, mapping.ResolveEncoding()!, mapping.Delimiter, options.MaxGrantBytes);
        if (!await table.ReadHeaderAsync())
        {
            yield return ReadResult.FileError(0, table.Failure ?? "The file is empty: there is no header row.");
            yield break;
        }
        var absent = mapping.Columns.Where(c => table.Column(c.Value) < 0).Select(c => $"\"{c.Value}\" (for {c.Key})").ToList();
        if (absent.Count > 0)
        {
            yield return ReadResult.FileError(0,
                $"The mapping names columns the file's header does not have: {string.Join(", ", absent)}.{table.DelimiterHint(mapping.Delimiter)}");
            yield break;
        }

        using var reader = new GroupReader(table, mapping, options, options.DatasetName ?? "stream");
        while (await table.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            if (reader.Add() is { } finished) yield return finished;
            if (reader.Failure is not null) break;
        }
        if (reader.Failure is null && reader.Finish() is { } last) yield return last;
        var failure = reader.Failure ?? table.Failure;
        if (failure is not null) yield return ReadResult.FileError(table.Record, failure);
    }

    private static ReadResult MappingErrors(IReadOnlyList<string> problems) =>
        new(0, null, [.. problems.Select(p => RowError.File(0, p))]);

    /// <summary>Builds grants from rows, one group of rows with the same identifier at a time.</summary>
    private sealed class GroupReader(CsvTable table, CsvMapping mapping, GrantReadOptions options, string datasetName)
        : IDisposable
    {
        private readonly Dictionary<string, int> _columns = mapping.Columns.ToDictionary(c => c.Key, c => table.Column(c.Value));
        private readonly DecimalSeparator _separator = mapping.ResolveDecimalSeparator()!.Value;
        private readonly DuplicateIds _identifiers = new();
        private readonly GrantFieldNames _names = new(
            Name(mapping, "identifier"), Name(mapping, "title"), Name(mapping, "currency"), Name(mapping, "amountAwarded"),
            Name(mapping, "awardDate"), Name(mapping, "funderName"), Name(mapping, "recipientName"));
        private GrantDraft? _draft;
        private string? _groupKey;
        private string? _currency;
        private decimal _amount;
        private bool _amountUnusable;
        private int _rows;
        private long _chars;

        /// <summary>Why reading stopped: a group of rows larger than the per-grant limit.</summary>
        public string? Failure { get; private set; }

        /// <summary>Takes the current row; returns the previous grant when this row starts a new one.</summary>
        public ReadResult? Add()
        {
            var key = GrantDraft.Clean(Field("identifier"));
            ReadResult? finished = null;
            var continues = mapping.GroupBy is not null && _draft is not null && key is not null && key == _groupKey;
            if (!continues)
            {
                finished = Finish();
                Start(key);
            }
            AddRow();
            if (_chars > options.MaxGrantBytes)
                Failure = $"Grant {_groupKey} (from row {_draft!.Row}) is larger than the limit of {options.MaxGrantBytes} characters over {_rows} rows; is the file grouped by identifier as the mapping says?";
            return finished;
        }

        public ReadResult? Finish()
        {
            if (_draft is null) return null;
            if (!_amountUnusable && _rows > 0) _draft.SetAmountValue(_amount);
            var result = _draft.Finish(_identifiers);
            _draft = null;
            return result;
        }

        private void Start(string? key)
        {
            _draft = new GrantDraft(_names, table.Record, datasetName, mapping.DateFormat ?? options.DateFormat);
            _groupKey = key;
            (_amount, _amountUnusable, _rows, _chars, _currency) = (0, false, 0, 0, null);
            var draft = _draft;
            draft.SetIdentifier(Field("identifier"));
            draft.SetTitle(Field("title"));
            draft.SetDescription(Field("description"));
            draft.SetAwardDate(Field("awardDate"));
            draft.SetPlannedStart(Name(mapping, "plannedStart"), Field("plannedStart"));
            draft.SetPlannedEnd(Name(mapping, "plannedEnd"), Field("plannedEnd"));
            draft.AddFunder(Name(mapping, "funderIdentifier"), Field("funderIdentifier"), Name(mapping, "funderName"), Field("funderName"), identifierRequired: false);
            draft.AddProgramme(Field("programme"));
            draft.SetCall(Field("call"));
            draft.SetTopic(Field("topic"));
        }

        /// <summary>What each row adds: a recipient, its part of the amount, a country, a classification.</summary>
        private void AddRow()
        {
            var draft = _draft!;
            var row = table.Record;
            _rows++;

            var currency = GrantDraft.Clean(Field("currency"));
            if (_rows == 1) draft.SetCurrency(currency);
            else if (!string.Equals(currency, _currency, StringComparison.OrdinalIgnoreCase))
                draft.Error(row, _names.Currency, currency, $"differs from the grant's first row ({_currency}); the rows of one grant must share a currency");
            _currency ??= currency;

            decimal? share = null;
            var amountText = GrantDraft.Clean(Field("amountAwarded"));
            if (amountText is null)
            {
                // One row of a grouped grant without its part leaves the sum unknown; a lone row is reported as missing at the end.
                if (_rows > 1) draft.Error(row, _names.AmountAwarded, null, "is required on every row of a grant made of several rows");
                _amountUnusable = true;
            }
            else if (!ValueParsers.TryParseAmount(amountText, _separator, out var amount))
            {
                draft.Error(row, _names.AmountAwarded, amountText, GrantDraft.AmountFormatReason(_separator));
                _amountUnusable = true;
            }
            else if (amount < 0)
            {
                draft.Error(row, _names.AmountAwarded, amountText, "is negative; an amount awarded must be zero or more");
                _amountUnusable = true;
            }
            else
            {
                _amount += amount;
                share = amount;
            }

            var recipientCountry = GrantDraft.Clean(Field("recipientCountry"));
            var country = ReferenceCodes.CountryFromText(recipientCountry);
            if (recipientCountry is not null && country is null)
                draft.Warning(row, Name(mapping, "recipientCountry"), recipientCountry, "is not a country this reader recognises; the recipient is kept without one");
            var role = Role(draft, row);
            draft.AddRecipient(Name(mapping, "recipientIdentifier"), Field("recipientIdentifier"), Name(mapping, "recipientName"), Field("recipientName"),
                country, role, mapping.GroupBy is null ? null : share, identifierRequired: false);

            if (GrantDraft.Clean(Field("country")) is { } researchCountry)
            {
                if (ReferenceCodes.CountryFromText(researchCountry) is { } code) draft.AddBeneficiaryCountry(Name(mapping, "country"), code);
                else draft.Error(row, Name(mapping, "country"), researchCountry, "is not an ISO 3166-1 country code or a country name this reader knows");
            }
            draft.AddClassification(Field("classificationVocabulary"), Field("classificationCode"), Field("classificationTitle"));
            table.ReportTextProblems((column, value, reason) => draft.Error(row, column, value, reason));
        }

        private OrganisationRole Role(GrantDraft draft, int row)
        {
            var text = GrantDraft.Clean(Field("recipientRole"));
            if (text is null) return _rows == 1 ? OrganisationRole.Lead : OrganisationRole.Participant;
            if (LeadRoles.Contains(text)) return OrganisationRole.Lead;
            if (ParticipantRoles.Contains(text)) return OrganisationRole.Participant;
            draft.Error(row, Name(mapping, "recipientRole"), text,
                $"is not a role this reader knows ({string.Join(", ", LeadRoles)} for the lead; {string.Join(", ", ParticipantRoles)} for others)");
            return OrganisationRole.Participant;
        }

        /// <summary>The field's value in the current row, or the mapping's constant for it.</summary>
        private string? Field(string field)
        {
            if (mapping.Constants.TryGetValue(field, out var constant)) return constant;
            if (!_columns.TryGetValue(field, out var column)) return null;
            var value = table[column];
            _chars += value?.Length ?? 0;
            return value;
        }

        private static string Name(CsvMapping mapping, string field) => mapping.Columns.GetValueOrDefault(field) ?? field;

        public void Dispose() => _identifiers.Dispose();
    }
}
