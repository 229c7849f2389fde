namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// One grant as every importer hands it on, whatever the file format. Only readers build these, and only from rows
/// that passed validation, so a consumer can trust the required fields.
/// </summary>
public sealed record GrantRecord
{
    /// <summary>The publisher's grant identifier (360Giving <c>id</c>, CORDIS project <c>id</c>), trimmed.</summary>
    public required string Identifier { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    /// <summary>ISO 4217 alphabetic code, upper case.</summary>
    public required string Currency { get; init; }

    public required decimal AmountAwarded { get; init; }

    public required DateOnly AwardDate { get; init; }

    public DateOnly? PlannedStart { get; init; }

    /// <summary>
    /// As published. A period whose end falls before its start is kept and reported as a warning (see
    /// <see cref="GrantDraft"/>), because dropping the whole grant over a typo in its planned dates loses more.
    /// </summary>
    public DateOnly? PlannedEnd { get; init; }

    public required IReadOnlyList<OrganisationRef> Funders { get; init; }

    /// <summary>The lead recipient first, then the other participants in the order the file gives them.</summary>
    public required IReadOnlyList<OrganisationRef> Recipients { get; init; }

    /// <summary>Beneficiary or research countries, ISO 3166-1 alpha-2, distinct, in order of first mention.</summary>
    public required IReadOnlyList<string> Countries { get; init; }

    public string? Programme { get; init; }

    public string? Call { get; init; }

    public string? Topic { get; init; }

    public required IReadOnlyList<GrantClassification> Classifications { get; init; }

    /// <summary>
    /// 1-based: for JSON the grant's index in the <c>grants</c> array plus one; for CSV the data record number (the
    /// header is not counted), which differs from the line number when a quoted field holds line breaks.
    /// </summary>
    public required int SourceRow { get; init; }

    /// <summary>The file name (or the name the caller gave a stream), so a report can say where a grant came from.</summary>
    public required string DatasetName { get; init; }
}

/// <summary>A classification as 360Giving defines it: a code or a title from a named vocabulary.</summary>
public sealed record GrantClassification(string? Vocabulary, string? Code, string? Title);
