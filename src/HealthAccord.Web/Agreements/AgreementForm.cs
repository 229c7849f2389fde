using System.Globalization;
using HealthAccord.Data.Common;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HealthAccord.Web.Agreements;

/// <summary>One party as the form shows it; the organisation is given by its number in the registry.</summary>
public sealed class PartyRow
{
    public string? Name { get; set; }
    public string? OrganisationId { get; set; }
    public string? CountryCode { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(OrganisationId) && string.IsNullOrWhiteSpace(CountryCode);
}

/// <summary>One document (the agreement's text) as the form shows it.</summary>
public sealed class DocumentRow
{
    public string? Title { get; set; }
    public string? Url { get; set; }
    public string? Language { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Url) && string.IsNullOrWhiteSpace(Language);
}

/// <summary>
/// An agreement's form as the browser posts it. Without scripts the lists cannot grow, so parties and documents come
/// with a few blank rows (blank rows are left out), and the linked partnerships are their slugs in one text box.
/// </summary>
public sealed class AgreementForm
{
    public const int BlankRows = 2;

    public string? Title { get; set; }
    public AgreementKind? Kind { get; set; }
    public AgreementStatus? Status { get; set; }
    public string? StatusNote { get; set; }
    public string? Signed { get; set; }
    public string? EnteredIntoForce { get; set; }
    public string? Expires { get; set; }
    public string? RenewalNote { get; set; }
    public string? Scope { get; set; }
    public string? Partnerships { get; set; }
    public List<PartyRow> Parties { get; set; } = [];
    public List<DocumentRow> Documents { get; set; } = [];
    public List<SourceRow> Sources { get; set; } = [];

    /// <summary>The version of the agreement the form was filled from.</summary>
    public int Version { get; set; }

    public static AgreementForm Blank(string? partnershipSlug) => new()
    {
        Partnerships = partnershipSlug,
        Parties = BlankParties(),
        Documents = BlankDocuments(),
        Sources = SourceRows.Blank(),
    };

    public static AgreementForm From(Agreement a) => new()
    {
        Title = a.Title,
        Kind = a.Kind,
        Status = a.Status,
        StatusNote = a.StatusNote,
        Signed = a.Signed?.ToString(),
        EnteredIntoForce = a.EnteredIntoForce?.ToString(),
        Expires = a.Expires?.ToString(),
        RenewalNote = a.RenewalNote,
        Scope = a.Scope,
        Partnerships = string.Join(" ", a.Partnerships.Select(p => p.Slug).Order(StringComparer.Ordinal)),
        Parties =
        [
            .. a.Parties.Select(p => new PartyRow
            {
                Name = p.Name,
                OrganisationId = p.OrganisationId?.ToString(CultureInfo.InvariantCulture),
                CountryCode = p.CountryCode,
            }),
            .. BlankParties(),
        ],
        Documents = [.. a.Documents.Select(d => new DocumentRow { Title = d.Title, Url = d.Url, Language = d.Language }), .. BlankDocuments()],
        Sources = SourceRows.From(a.Sources),
        Version = a.Version,
    };

    private static List<PartyRow> BlankParties() => [.. Enumerable.Range(0, BlankRows).Select(_ => new PartyRow())];

    private static List<DocumentRow> BlankDocuments() => [.. Enumerable.Range(0, BlankRows).Select(_ => new DocumentRow())];

    /// <summary>Slugs separated by spaces, commas or line breaks.</summary>
    public static IReadOnlyList<string> Slugs(string? text) =>
        (text ?? "").Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The API's input; an organisation number that cannot be read is left out and the reason put next to its field.</summary>
    public AgreementInput ToInput(ModelStateDictionary modelState, string prefix)
    {
        var parties = new List<PartyInput>();
        foreach (var i in FilledParties())
        {
            var row = Parties[i];
            int? organisationId = null;
            if (!string.IsNullOrWhiteSpace(row.OrganisationId))
            {
                if (int.TryParse(row.OrganisationId.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)) organisationId = id;
                else modelState.AddModelError($"{prefix}.{nameof(Parties)}[{i}].{nameof(PartyRow.OrganisationId)}",
                    "Give the organisation's number, as in its address /organisations/123.");
            }
            parties.Add(new PartyInput(OrNull(row.Name), organisationId, OrNull(row.CountryCode)));
        }
        var documents = FilledDocuments().Select(i => Documents[i])
            .Select(d => new DocumentInput(d.Title, d.Url, OrNull(d.Language)?.Trim().ToLowerInvariant())).ToList();
        return new AgreementInput(Title, Kind, Status, StatusNote, Signed, EnteredIntoForce, Expires, RenewalNote, Scope,
            parties, documents, Slugs(Partnerships), SourceRows.ToInput(Sources).Sources);
    }

    public void AddErrors(ModelStateDictionary modelState, string prefix, Validation validation)
    {
        var sources = SourceRows.ToInput(Sources).Rows;
        var parties = FilledParties();
        var documents = FilledDocuments();
        modelState.AddErrors(prefix, validation, field =>
            SourceRows.FieldOf(field, "sources", nameof(Sources), sources)
            ?? SourceRows.FieldOf(field, "parties", nameof(Parties), parties)
            ?? SourceRows.FieldOf(field, "documents", nameof(Documents), documents));
    }

    private List<int> FilledParties() => [.. Enumerable.Range(0, Parties.Count).Where(i => !Parties[i].IsBlank)];

    private List<int> FilledDocuments() => [.. Enumerable.Range(0, Documents.Count).Where(i => !Documents[i].IsBlank)];

    private static string? OrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>Both versions field by field, the writer's as they typed it (trimmed), the stored one as saved.</summary>
    public static IReadOnlyList<ConflictRow> Compare(AgreementInput yours, Agreement stored) =>
    [
        new("Title", yours.Title?.Trim() ?? "", stored.Title),
        new("Kind", yours.Kind is { } kind ? DisplayText.Label(kind) : "", DisplayText.Label(stored.Kind)),
        new("Status", yours.Status is { } status ? DisplayText.Label(status) : "", DisplayText.Label(stored.Status)),
        new("Status note", Trimmed(yours.StatusNote), stored.StatusNote ?? ""),
        new("Signed", Trimmed(yours.Signed), stored.Signed?.ToString() ?? ""),
        new("In force from", Trimmed(yours.EnteredIntoForce), stored.EnteredIntoForce?.ToString() ?? ""),
        new("Expires", Trimmed(yours.Expires), stored.Expires?.ToString() ?? ""),
        new("Renewal", Trimmed(yours.RenewalNote), stored.RenewalNote ?? ""),
        new("Scope", Trimmed(yours.Scope), stored.Scope ?? ""),
        new("Parties", string.Join("\n", (yours.Parties ?? []).Select(p => DescribeParty(p.Name, p.OrganisationId, p.CountryCode))),
            string.Join("\n", stored.Parties.Select(p => DescribeParty(p.Name, p.OrganisationId, p.CountryCode)))),
        new("Documents", string.Join("\n", (yours.Documents ?? []).Select(d => $"{d.Title?.Trim()} <{d.Url?.Trim()}> ({d.Language ?? "en"})")),
            string.Join("\n", stored.Documents.Select(d => $"{d.Title} <{d.Url}> ({d.Language})"))),
        new("Partnerships", string.Join(" ", (yours.Partnerships ?? []).Select(s => s.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal)),
            string.Join(" ", stored.Partnerships.Select(p => p.Slug).Order(StringComparer.Ordinal))),
        new("Sources", SourceRows.Describe(yours.Sources), SourceRows.Describe(stored.Sources.Select(s => new SourceInput(s.Url, s.Title, s.AsOf)))),
    ];

    private static string Trimmed(string? text) => text?.Trim() ?? "";

    private static string DescribeParty(string? name, int? organisationId, string? countryCode) =>
        string.Join(", ", new[] { name?.Trim(), organisationId is { } id ? $"organisation {id}" : null, countryCode?.Trim().ToUpperInvariant() }
            .Where(part => !string.IsNullOrEmpty(part)));
}
