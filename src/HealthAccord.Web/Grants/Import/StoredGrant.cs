using HealthAccord.Data.Portfolio;

namespace HealthAccord.Web.Grants.Import;

/// <summary>
/// A grant as the database holds it, in the terms of <see cref="PreparedGrant"/>, so a re-import can tell a real
/// change from the same grant read again. Only real changes bump the version and the update time; comparing first
/// also saves rewriting a million unchanged rows and their index documents.
/// </summary>
internal sealed class StoredGrant
{
    public required long Id { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public required string Currency { get; init; }
    public decimal AmountAwarded { get; init; }
    public decimal? AmountEur { get; init; }
    public decimal? EurRate { get; init; }
    public DateOnly? EurRateDate { get; init; }
    public DateOnly AwardDate { get; init; }
    public DateOnly? PlannedStart { get; init; }
    public DateOnly? PlannedEnd { get; init; }
    public string? Programme { get; init; }
    public string? Call { get; init; }
    public string? Topic { get; init; }
    public required string SourceDataset { get; init; }
    public int SourceRow { get; init; }

    /// <summary>In position order.</summary>
    public List<(int OrganisationId, ParticipantRole Role, decimal? Share)> Participants { get; } = [];
    public List<string> Countries { get; } = [];
    public List<(string Pathogen, string Rule)> Pathogens { get; } = [];
    public List<string> Categories { get; } = [];

    /// <summary>
    /// Whether storing <paramref name="grant"/> would change anything. A participant that is a new organisation
    /// always counts as a change: the stored grant cannot name an organisation that did not exist.
    /// </summary>
    public bool SameAs(PreparedGrant grant)
    {
        var r = grant.Record;
        if (Title != r.Title || Description != r.Description || Currency != r.Currency || AmountAwarded != r.AmountAwarded
            || AmountEur != grant.AmountEur || EurRate != grant.EurRate || EurRateDate != grant.EurRateDate
            || AwardDate != r.AwardDate || PlannedStart != r.PlannedStart || PlannedEnd != r.PlannedEnd
            || Programme != r.Programme || Call != r.Call || Topic != r.Topic
            || SourceDataset != r.DatasetName || SourceRow != r.SourceRow)
            return false;

        if (Participants.Count != grant.Participants.Count) return false;
        for (var i = 0; i < Participants.Count; i++)
        {
            var (organisationId, role, share) = Participants[i];
            var next = grant.Participants[i];
            if (next.Organisation.Id == 0 || organisationId != next.Organisation.Id || role != next.Role || share != next.Share) return false;
        }
        // Lists the database keys by value compare as sets: their stored order says nothing.
        return SameSet(Countries, grant.Countries)
            && SameSet(Categories, grant.Categories)
            && SameSet(Pathogens.Select(p => p.Pathogen + "\n" + p.Rule), grant.Pathogens.Select(p => p.Pathogen + "\n" + p.Rule));
    }

    private static bool SameSet(IEnumerable<string> stored, IEnumerable<string> next)
    {
        var set = stored.ToHashSet(StringComparer.Ordinal);
        var count = 0;
        foreach (var value in next)
        {
            if (!set.Contains(value)) return false;
            count++;
        }
        return count == set.Count;
    }
}
