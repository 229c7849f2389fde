using HealthAccord.Data.Registry;

namespace HealthAccord.Data.Portfolio;

/// <summary>
/// A research grant or project as a funder awarded it, imported from an open dataset. The amount stays in the
/// award currency; the euro amount is derived at the ECB reference rate of the award date and kept with that rate.
/// </summary>
public sealed class Grant
{
    public long Id { get; set; }

    /// <summary>The publisher's identifier (360Giving "id", CORDIS project id); unique, the key for re-imports.</summary>
    public required string Identifier { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }

    /// <summary>ISO 4217 code of the award.</summary>
    public required string Currency { get; set; }
    public decimal AmountAwarded { get; set; }

    /// <summary>The amount in euros at <see cref="EurRate"/>; null when no rate exists for the currency and date.</summary>
    public decimal? AmountEur { get; set; }

    /// <summary>Units of the award currency per euro, as the ECB publishes it.</summary>
    public decimal? EurRate { get; set; }

    /// <summary>The day whose rate was used: the award date or the nearest earlier business day with a quote.</summary>
    public DateOnly? EurRateDate { get; set; }
    public DateOnly AwardDate { get; set; }
    public DateOnly? PlannedStart { get; set; }
    public DateOnly? PlannedEnd { get; set; }
    public string? Programme { get; set; }
    public string? Call { get; set; }
    public string? Topic { get; set; }

    /// <summary>Where the record came from: the dataset (file name or publisher) and its row there.</summary>
    public required string SourceDataset { get; set; }
    public int SourceRow { get; set; }

    public DateTime ImportedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<GrantParticipant> Participants { get; set; } = [];
    public List<GrantCountry> Countries { get; set; } = [];
    public List<GrantPathogen> Pathogens { get; set; } = [];
    public List<GrantCategory> Categories { get; set; } = [];
    public List<Partnership> Partnerships { get; set; } = [];
}

public enum ParticipantRole
{
    Funder,
    Lead,
    Participant,
}

/// <summary>An organisation's part in a grant: funder, lead (coordinator) or participant, with its share where known.</summary>
public sealed class GrantParticipant
{
    public long GrantId { get; set; }
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public ParticipantRole Role { get; set; }

    /// <summary>The participant's part of the award, in the award currency, when the source gives it.</summary>
    public decimal? Share { get; set; }

    /// <summary>Order in the source, so the lead and the funders list as published.</summary>
    public int Position { get; set; }
}

/// <summary>A country where the research takes place or that benefits from it.</summary>
public sealed class GrantCountry
{
    public long GrantId { get; set; }
    public required string CountryCode { get; set; }
}

/// <summary>A pathogen the grant concerns, with the tagging rule that matched, so every tag can be explained.</summary>
public sealed class GrantPathogen
{
    public long GrantId { get; set; }
    public required string Pathogen { get; set; }
    public required string Rule { get; set; }
}

/// <summary>An HRCS health category (codes 000–020).</summary>
public sealed class GrantCategory
{
    public long GrantId { get; set; }
    public required string HrcsCode { get; set; }
}
