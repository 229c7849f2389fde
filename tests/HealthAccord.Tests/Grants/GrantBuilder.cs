using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Data.Portfolio;
using HealthAccord.Data.Registry;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// Builds a grant for a test, written straight through the DbContext (the importers are not what these tests are
/// about). Everything not given has a fixed default, so the same calls always make the same grant.
/// </summary>
public sealed class GrantBuilder(string identifier, string title)
{
    private readonly List<(string Name, string? Country, ParticipantRole Role, decimal? Share)> _participants = [];
    private readonly List<string> _pathogens = [];
    private readonly List<string> _categories = [];
    private readonly List<string> _partnerships = [];
    private readonly List<string> _countries = [];
    private string? _description = $"Research on {title.ToLowerInvariant()}.";
    private decimal _amount = 100_000m;
    private string _currency = "EUR";
    private decimal? _amountEur = 100_000m;
    private decimal? _rate = 1m;
    private DateOnly _awarded = new(2024, 1, 15);
    private DateOnly? _start = new(2024, 3, 1);
    private DateOnly? _end = new(2026, 2, 28);

    public static readonly DateTime ImportedAt = new(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);

    public GrantBuilder Description(string? text)
    {
        _description = text;
        return this;
    }

    public GrantBuilder Funder(string name, string? country = null)
    {
        _participants.Add((name, country, ParticipantRole.Funder, null));
        return this;
    }

    /// <summary>The first recipient is the lead; later ones are participants.</summary>
    public GrantBuilder Recipient(string name, string? country, decimal? share = null)
    {
        var role = _participants.Any(p => p.Role != ParticipantRole.Funder) ? ParticipantRole.Participant : ParticipantRole.Lead;
        _participants.Add((name, country, role, share));
        return this;
    }

    /// <summary>The award; <paramref name="eur"/> null means no ECB rate was found for it.</summary>
    public GrantBuilder Amount(decimal amount, string currency, decimal? eur)
    {
        _amount = amount;
        _currency = currency;
        _amountEur = eur;
        _rate = eur is { } e && e != 0 ? Math.Round(amount / e, 6) : null;
        return this;
    }

    public GrantBuilder Awarded(DateOnly date)
    {
        _awarded = date;
        return this;
    }

    public GrantBuilder Planned(DateOnly? start, DateOnly? end)
    {
        _start = start;
        _end = end;
        return this;
    }

    public GrantBuilder Pathogens(params string[] codes)
    {
        _pathogens.AddRange(codes);
        return this;
    }

    public GrantBuilder Hrcs(params string[] codes)
    {
        _categories.AddRange(codes);
        return this;
    }

    public GrantBuilder Partnerships(params string[] slugs)
    {
        _partnerships.AddRange(slugs);
        return this;
    }

    public GrantBuilder Countries(params string[] codes)
    {
        _countries.AddRange(codes);
        return this;
    }

    public async Task<Grant> SaveAsync(HealthAccordDbContext db, CancellationToken ct)
    {
        var grant = new Grant
        {
            Identifier = identifier,
            Title = title,
            Description = _description,
            Currency = _currency,
            AmountAwarded = _amount,
            AmountEur = _amountEur,
            EurRate = _rate,
            EurRateDate = _rate is null ? null : _awarded,
            AwardDate = _awarded,
            PlannedStart = _start,
            PlannedEnd = _end,
            Programme = "Test programme",
            SourceDataset = "test-grants.json",
            SourceRow = 1,
            ImportedAt = ImportedAt,
            UpdatedAt = ImportedAt,
            Version = 1,
        };
        for (var i = 0; i < _participants.Count; i++)
        {
            var (name, country, role, share) = _participants[i];
            var organisation = await OrganisationAsync(db, name, country, role, ct);
            grant.Participants.Add(new GrantParticipant { Organisation = organisation, Role = role, Share = share, Position = i });
        }
        grant.Pathogens.AddRange(_pathogens.Select(p => new GrantPathogen { Pathogen = p, Rule = $"title or description mentions {p}" }));
        grant.Categories.AddRange(_categories.Select(c => new GrantCategory { HrcsCode = c }));
        grant.Countries.AddRange(_countries.Select(c => new GrantCountry { CountryCode = c }));
        foreach (var slug in _partnerships) grant.Partnerships.Add(await db.Partnerships.SingleAsync(p => p.Slug == slug, ct));
        db.Grants.Add(grant);
        await db.SaveChangesAsync(ct);
        return grant;
    }

    /// <summary>One organisation per name, created on first use, as an import would match it.</summary>
    private static async Task<Organisation> OrganisationAsync(HealthAccordDbContext db, string name, string? country, ParticipantRole role, CancellationToken ct)
    {
        var existing = db.Organisations.Local.FirstOrDefault(o => o.Name == name)
            ?? await db.Organisations.FirstOrDefaultAsync(o => o.Name == name, ct);
        if (existing is not null) return existing;
        var organisation = new Organisation
        {
            Name = name,
            CountryCode = country,
            Type = role == ParticipantRole.Funder ? OrganisationType.Funder : OrganisationType.ResearchOrganisation,
            NeedsReview = true,
            Sources = [new SourceReference { Url = "https://example.org/test-grants.json", Title = "Test grants" }],
        };
        db.Organisations.Add(organisation);
        return organisation;
    }
}
