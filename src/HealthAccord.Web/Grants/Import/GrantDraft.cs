namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// One grant while a reader fills it in. Every reader feeds the same checks through it, so a 360Giving JSON grant,
/// a CSV row and a CORDIS project are held to the same rules; each problem is recorded and reading goes on, so a
/// report lists every field that is wrong, not only the first.
/// </summary>
internal sealed class GrantDraft(GrantFieldNames names, int row, string datasetName, string? dateFormat)
{
    public const int MaxIdentifierLength = 200;
    public const int MaxTitleLength = 1000;

    private readonly List<RowError> _issues = [];
    private readonly List<OrganisationRef> _funders = [];
    private readonly List<OrganisationRef> _recipients = [];
    private readonly List<string> _beneficiaryCountries = [];
    private readonly List<string> _programmes = [];
    private readonly List<GrantClassification> _classifications = [];
    private string? _identifier;
    private string? _title;
    private string? _description;
    private string? _currency;
    private decimal? _amount;
    private DateOnly? _awardDate;
    private DateOnly? _plannedStart;
    private DateOnly? _plannedEnd;
    private string? _plannedStartField;
    private string? _plannedEndField;
    private string? _call;
    private string? _topic;

    public int Row => row;

    public GrantFieldNames Names => names;

    public string? Identifier => _identifier;

    public string? Currency => _currency;

    public decimal? Amount => _amount;

    public bool HasErrors => _issues.Exists(i => i.Severity == IssueSeverity.Error);

    public void Error(string field, string? value, string reason) => _issues.Add(new RowError(row, field, value, reason));

    /// <summary>For problems found in another row that belongs to this grant (a CORDIS participant, a grouped CSV row).</summary>
    public void Error(int sourceRow, string field, string? value, string reason) => _issues.Add(new RowError(sourceRow, field, value, reason));

    public void Warning(string field, string? value, string reason) =>
        _issues.Add(new RowError(row, field, value, reason, IssueSeverity.Warning));

    public void Warning(int sourceRow, string field, string? value, string reason) =>
        _issues.Add(new RowError(sourceRow, field, value, reason, IssueSeverity.Warning));

    public void SetIdentifier(string? text)
    {
        var value = Clean(text);
        if (value is null) return;
        if (value.Length > MaxIdentifierLength)
        {
            Error(names.Identifier, value, $"is {value.Length} characters long; an identifier may have at most {MaxIdentifierLength}");
            return;
        }
        _identifier = value;
    }

    public void SetTitle(string? text)
    {
        var value = Clean(text);
        if (value is null) return;
        if (value.Length > MaxTitleLength)
        {
            Error(names.Title, value, $"is {value.Length} characters long; a title may have at most {MaxTitleLength}");
            return;
        }
        _title = value;
    }

    public void SetDescription(string? text) => _description = Clean(text);

    public void SetCurrency(string? text)
    {
        var value = Clean(text);
        if (value is null) return;
        // A lower-case code is unambiguous; anything else must be on the ISO 4217 list the registry seeds.
        var code = value.ToUpperInvariant();
        if (!ReferenceCodes.IsCurrency(code))
        {
            Error(names.Currency, value, "is not an ISO 4217 currency code in current use");
            return;
        }
        _currency = code;
    }

    public void SetAmount(decimal amount, string raw)
    {
        if (amount < 0)
        {
            Error(names.AmountAwarded, raw, "is negative; an amount awarded must be zero or more");
            return;
        }
        _amount = amount;
    }

    /// <summary>An amount written as text (CSV), with the decimal mark the file uses.</summary>
    public void SetAmountText(string? text, DecimalSeparator separator)
    {
        var value = Clean(text);
        if (value is null) return;
        if (!ValueParsers.TryParseAmount(value, separator, out var amount))
        {
            Error(names.AmountAwarded, value, AmountFormatReason(separator));
            return;
        }
        SetAmount(amount, value);
    }

    public static string AmountFormatReason(DecimalSeparator separator) => separator switch
    {
        DecimalSeparator.Comma => "is not a number with a decimal comma and no thousands separators (e.g. 1234,56)",
        DecimalSeparator.Point => "is not a number with a decimal point and no thousands separators (e.g. 1234.56)",
        _ => "is not a number without thousands separators (e.g. 1234.56 or 1234,56)",
    };

    /// <summary>For formats that hold the amount in a number of their own rather than in text.</summary>
    public void SetAmountValue(decimal amount) => _amount = amount;

    public void SetAwardDate(string? text)
    {
        var value = Clean(text);
        if (value is null) return;
        if (!ValueParsers.TryParseDate(value, dateFormat, out var date))
        {
            Error(names.AwardDate, value, DateReason());
            return;
        }
        _awardDate = date;
    }

    /// <summary>For formats that date an award by its start when they have no award date (older CORDIS vintages).</summary>
    public void UsePlannedStartAsAwardDate() => _awardDate ??= _plannedStart;

    public void SetPlannedStart(string field, string? text) => _plannedStart = PeriodDate(field, text, isEnd: false, ref _plannedStartField);

    public void SetPlannedEnd(string field, string? text) => _plannedEnd = PeriodDate(field, text, isEnd: true, ref _plannedEndField);

    private DateOnly? PeriodDate(string field, string? text, bool isEnd, ref string? fieldSeen)
    {
        var value = Clean(text);
        if (value is null) return null;
        if (!ValueParsers.TryParsePeriodDate(value, dateFormat, isEnd, out var date))
        {
            Error(field, value, DateReason() + " (or yyyy, yyyy-MM)");
            return null;
        }
        fieldSeen = field;
        return date;
    }

    private string DateReason() => dateFormat is null
        ? "is not an ISO 8601 date (yyyy-MM-dd) or date-time; if the file uses another date format, give it explicitly"
        : $"is not a date in the format {dateFormat} or an ISO 8601 date (yyyy-MM-dd) or date-time";

    public void AddFunder(string idField, string? id, string nameField, string? name, bool identifierRequired = true, string? countryCode = null) =>
        AddOrganisation(_funders, idField, id, nameField, name, countryCode, OrganisationRole.Funder, null, identifierRequired);

    public void AddRecipient(string idField, string? id, string nameField, string? name, string? countryCode, OrganisationRole role,
        decimal? share = null, bool identifierRequired = true) =>
        AddOrganisation(_recipients, idField, id, nameField, name, countryCode, role, share, identifierRequired);

    private void AddOrganisation(List<OrganisationRef> list, string idField, string? id, string nameField, string? name,
        string? countryCode, OrganisationRole role, decimal? share, bool identifierRequired)
    {
        var identifier = Clean(id);
        var cleanName = Clean(name);
        if (identifierRequired && identifier is null) Error(idField, null, "is required for every organisation");
        if (identifier is { Length: > MaxIdentifierLength })
        {
            Error(idField, identifier, $"is {identifier.Length} characters long; an identifier may have at most {MaxIdentifierLength}");
            identifier = null;
        }
        if (cleanName is null) Error(nameField, null, "is required for every organisation");
        if (cleanName is not null && (identifier is not null || !identifierRequired))
            list.Add(new OrganisationRef(identifier, cleanName, countryCode, role, share));
    }

    /// <summary>A country given as a code (360Giving <c>beneficiaryLocation.countryCode</c>): an unknown code is an error.</summary>
    public void AddBeneficiaryCountry(string field, string? text)
    {
        var value = Clean(text);
        if (value is null) return;
        var code = ReferenceCodes.NormaliseCountryCode(value);
        if (!ReferenceCodes.IsCountry(code))
        {
            Error(field, value, "is not an ISO 3166-1 alpha-2 country code");
            return;
        }
        if (!_beneficiaryCountries.Contains(code)) _beneficiaryCountries.Add(code);
    }

    public void AddProgramme(string? text)
    {
        var value = Clean(text);
        if (value is not null && !_programmes.Contains(value)) _programmes.Add(value);
    }

    public void SetCall(string? text) => _call ??= Clean(text);

    public void SetTopic(string? text) => _topic ??= Clean(text);

    public void AddClassification(string? vocabulary, string? code, string? title)
    {
        var classification = new GrantClassification(Clean(vocabulary), Clean(code), Clean(title));
        if (classification.Code is not null || classification.Title is not null) _classifications.Add(classification);
    }

    /// <summary>Checks what only the whole grant can show (required fields, the planned period, a repeated id) and hands the result on.</summary>
    public ReadResult Finish(DuplicateIds identifiers)
    {
        Require(_identifier is not null, names.Identifier);
        Require(_title is not null, names.Title);
        Require(_currency is not null, names.Currency);
        Require(_amount is not null, names.AmountAwarded);
        Require(_awardDate is not null, names.AwardDate);
        if (_funders.Count == 0 && !HasIssueOn(names.Funders)) Error(names.Funders, null, "at least one funding organisation is required");
        if (_recipients.Count == 0 && !HasIssueOn(names.Recipients)) Error(names.Recipients, null, "at least one recipient organisation is required");
        if (_plannedStart is { } start && _plannedEnd is { } end && end < start)
            Warning(_plannedEndField!, end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                $"the planned end is before the planned start ({start:yyyy-MM-dd}); the dates are kept as published");
        if (_identifier is not null && identifiers.Add(_identifier, row) is { } firstRow)
            Error(names.Identifier, _identifier, $"repeats the identifier of row {firstRow}; identifiers must be unique within a file");

        if (HasErrors) return new ReadResult(row, null, _issues);

        // The lead first, whatever order the file gave; a stable sort keeps the participants as published.
        var recipients = _recipients.OrderBy(r => r.Role == OrganisationRole.Lead ? 0 : 1).ToList();
        var countries = _beneficiaryCountries.Count > 0
            ? _beneficiaryCountries
            : recipients.Select(r => r.CountryCode).OfType<string>().Distinct().ToList();
        var record = new GrantRecord
        {
            Identifier = _identifier!,
            Title = _title!,
            Description = _description,
            Currency = _currency!,
            AmountAwarded = _amount!.Value,
            AwardDate = _awardDate!.Value,
            PlannedStart = _plannedStart,
            PlannedEnd = _plannedEnd,
            Funders = _funders,
            Recipients = recipients,
            Countries = countries,
            Programme = _programmes.Count == 0 ? null : string.Join("; ", _programmes),
            Call = _call,
            Topic = _topic,
            Classifications = _classifications,
            SourceRow = row,
            DatasetName = datasetName,
        };
        return new ReadResult(row, record, _issues.Count == 0 ? [] : _issues);
    }

    private void Require(bool present, string field)
    {
        // A field already reported as malformed is not reported again as missing.
        if (!present && !HasIssueOn(field)) Error(field, null, "is required");
    }

    /// <summary>An issue on the field itself or on a part of it ("recipientOrganization[0].id", "Funding Org:Name").</summary>
    private bool HasIssueOn(string field) => _issues.Exists(i =>
        i.Field.StartsWith(field, StringComparison.Ordinal) && (i.Field.Length == field.Length || i.Field[field.Length] is '[' or '.' or ':'));

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
