using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.Shared;

namespace HealthAccord.Web.Outbreaks.Declaration;

/// <summary>An outbreak as its history stores it: what the editor declared, not the funders' answers.</summary>
public sealed record OutbreakSnapshot(
    int Id, string Title, string PathogenCode, string? PathogenNote, DateTime TriggeredAt, DateTime DeclaredAt, string? DeclaredByName,
    WhoGrading WhoGrading, bool IsPheic, string? Summary, decimal QuorumShare, DateTime? ConvenedAt, string? ConveningNote, DateTime? ClosedAt,
    IReadOnlyList<string> Countries, IReadOnlyList<int> PartnershipIds, IReadOnlyList<SourceDto> Sources)
{
    public static OutbreakSnapshot From(Outbreak o) => new(o.Id, o.Title, o.PathogenCode, o.PathogenNote, o.TriggeredAt, o.DeclaredAt, o.DeclaredByName,
        o.WhoGrading, o.IsPheic, o.Summary, o.QuorumShare, o.ConvenedAt, o.ConveningNote, o.ClosedAt,
        [.. o.Countries.Select(c => c.CountryCode).Order(StringComparer.Ordinal)], [.. o.Partnerships.Select(p => p.Id).Order()],
        [.. o.Sources.Select(SourceDto.From)]);
}
