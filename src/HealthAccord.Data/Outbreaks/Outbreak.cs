using HealthAccord.Data.Common;
using HealthAccord.Data.Registry;

namespace HealthAccord.Data.Outbreaks;

/// <summary>
/// An outbreak declared by an editor, which starts the 48-hour clock of a research response: the member funders of
/// the partnerships concerned are notified, answer, convene and commit funds, and each step is measured from
/// <see cref="TriggeredAt"/>.
/// </summary>
public sealed class Outbreak : RegistryRecord
{
    /// <summary>How readers know it, e.g. "Marburg virus disease, Rwanda, September 2024".</summary>
    public required string Title { get; set; }

    /// <summary>A pathogen catalogue code (<c>marburg</c>, <c>mpox</c>), or <c>disease-x</c> while the cause is unknown.</summary>
    public required string PathogenCode { get; set; }

    /// <summary>What is known beyond the code: the strain, clade, or for Disease X the syndrome seen.</summary>
    public string? PathogenNote { get; set; }

    /// <summary>
    /// When the event that triggers the response happened (UTC): a WHO notification, a PHEIC declaration, a national
    /// declaration. The clock runs from here, not from when the editor recorded it, because that is the delay the
    /// partnership's goal is about.
    /// </summary>
    public DateTime TriggeredAt { get; set; }

    /// <summary>When the editor declared it here (UTC); the notifications cannot go out before this.</summary>
    public DateTime DeclaredAt { get; set; }

    /// <summary>The account that declared it; kept as a label too, so the record survives the account.</summary>
    public string? DeclaredById { get; set; }
    public string? DeclaredByName { get; set; }

    public WhoGrading WhoGrading { get; set; }

    /// <summary>Declared a Public Health Emergency of International Concern under the International Health Regulations.</summary>
    public bool IsPheic { get; set; }

    public string? Summary { get; set; }

    /// <summary>
    /// The share of notified funders whose acknowledgement makes the quorum milestone, between 0 (exclusive) and 1.
    /// Kept per outbreak so a later change of the site default does not rewrite past measurements.
    /// </summary>
    public decimal QuorumShare { get; set; }

    /// <summary>When the funders' convening was held (UTC), recorded by an editor; null until then.</summary>
    public DateTime? ConvenedAt { get; set; }
    public string? ConveningNote { get; set; }

    /// <summary>When the response was closed; a closed outbreak's clock stops and it no longer takes answers.</summary>
    public DateTime? ClosedAt { get; set; }

    public List<OutbreakCountry> Countries { get; set; } = [];

    /// <summary>The partnerships whose member funders are notified (GloPID-R unless the editor chooses otherwise).</summary>
    public List<Partnership> Partnerships { get; set; } = [];

    public List<OutbreakResponse> Responses { get; set; } = [];
}

/// <summary>The World Health Organization's emergency grade, from ungraded to grade 3 (the most severe).</summary>
public enum WhoGrading
{
    Ungraded,
    Grade1,
    Grade2,
    Grade3,
}

/// <summary>A country affected by the outbreak.</summary>
public sealed class OutbreakCountry
{
    public int OutbreakId { get; set; }
    public required string CountryCode { get; set; }
}
