using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Data.Registry;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants.Links;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Grants;

/// <summary>
/// The rules of LINK-RULES.md over the seeded registry: a grant names a partnership, or a member funds it on the
/// partnership's theme. Each case also has its near miss, so a rule that linked everything would fail.
/// </summary>
public sealed class PartnershipLinkerTests(HealthAccordFactory factory) : IClassFixture<HealthAccordFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Awarded = new(2024, 5, 1);

    private async Task<(PartnershipLinker Linker, Dictionary<string, int> Ids)> LoadAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var ids = await db.Organisations.ToDictionaryAsync(o => o.Acronym ?? o.Name, o => o.Id, Ct);
        return (await PartnershipLinker.LoadAsync(db, Ct), ids);
    }

    private static GrantLinkFacts Grant(FunderFact? funder, string title, string[]? pathogens = null, string[]? hrcs = null,
        string[]? countries = null, DateOnly? awarded = null, string? programme = null) =>
        new(awarded ?? Awarded, [title, null, programme, null, null], funder is null ? [] : [funder], countries ?? [], pathogens ?? [], hrcs ?? []);

    private static FunderFact Member(Dictionary<string, int> ids, string acronym, string country) => new(ids[acronym], acronym, country, true);

    private static string[] Slugs(IReadOnlyList<PartnershipLink> links) => [.. links.Select(l => l.Slug).Order()];

    [Fact]
    public async Task A_grant_naming_a_partnership_in_capitals_or_in_full_is_linked_whoever_funds_it()
    {
        var (linker, _) = await LoadAsync();
        var stranger = new FunderFact(-1, "A funder outside every partnership", "NZ", true);

        var byAcronym = linker.Match(Grant(stranger, "Hypertension control in rural clinics", programme: "GACD joint call 2024"));
        var byName = linker.Match(Grant(stranger, "A study for the global alliance for chronic diseases"));
        var slug = linker.Match(Grant(stranger, "Data at https://example.org/gacd/outputs"));

        Assert.Equal(["gacd"], Slugs(byAcronym));
        Assert.StartsWith("Names GACD", byAcronym[0].Reason, StringComparison.Ordinal);
        Assert.Equal(["gacd"], Slugs(byName));
        Assert.Empty(slug);
    }

    [Fact]
    public async Task A_glopid_r_member_funding_research_on_an_epidemic_pathogen_is_linked_but_not_on_malaria()
    {
        var (linker, ids) = await LoadAsync();
        var rcn = Member(ids, "RCN", "NO");

        var ebola = linker.Match(Grant(rcn, "Ebola vaccine cold chain", pathogens: ["ebola"]));
        var malaria = linker.Match(Grant(rcn, "Malaria bed nets", pathogens: ["malaria"]));
        var outsider = linker.Match(Grant(new FunderFact(-1, "Someone else", "NO", true), "Ebola vaccine cold chain", pathogens: ["ebola"]));

        Assert.Equal(["glopid-r"], Slugs(ebola));
        Assert.Equal("Funded by RCN, a member of GloPID-R; tagged with Ebola virus disease.", ebola[0].Reason);
        Assert.Empty(malaria);
        Assert.Empty(outsider);
    }

    [Fact]
    public async Task Edctp_seats_are_held_by_states_so_a_public_funder_of_a_member_state_counts_on_hiv_research_in_sub_saharan_africa()
    {
        var (linker, _) = await LoadAsync();
        var austrianAgency = new FunderFact(-2, "Austrian research agency", "AT", IsPublic: true);
        var austrianFoundation = new FunderFact(-3, "Austrian private foundation", "AT", IsPublic: false);

        var inUganda = linker.Match(Grant(austrianAgency, "HIV prevention in adolescents", pathogens: ["hiv"], countries: ["UG"]));
        var inFrance = linker.Match(Grant(austrianAgency, "HIV prevention in adolescents", pathogens: ["hiv"], countries: ["FR"]));
        var privateMoney = linker.Match(Grant(austrianFoundation, "HIV prevention in adolescents", pathogens: ["hiv"], countries: ["UG"]));

        Assert.Equal(["edctp"], Slugs(inUganda));
        Assert.Contains("research in UG", inUganda[0].Reason, StringComparison.Ordinal);
        Assert.Empty(inFrance);
        Assert.Empty(privateMoney);
    }

    [Fact]
    public async Task Gacd_needs_a_chronic_disease_category_and_research_in_a_low_or_middle_income_country()
    {
        var (linker, ids) = await LoadAsync();
        var mrc = Member(ids, "MRC", "GB");

        var india = linker.Match(Grant(mrc, "Salt reduction for blood pressure", hrcs: ["014"], countries: ["IN"]));
        var britain = linker.Match(Grant(mrc, "Salt reduction for blood pressure", hrcs: ["014"], countries: ["GB"]));
        var infection = linker.Match(Grant(mrc, "Sepsis in neonates", hrcs: ["018"], countries: ["IN"]));

        Assert.Equal(["gacd"], Slugs(india));
        Assert.Empty(britain);
        Assert.Empty(infection);
    }

    [Fact]
    public async Task Text_themes_link_members_work_on_brain_injury_and_rare_diseases()
    {
        var (linker, ids) = await LoadAsync();
        var cihr = Member(ids, "CIHR", "CA");

        Assert.Equal(["intbir"], Slugs(linker.Match(Grant(cihr, "Outcomes after traumatic brain injury in older adults"))));
        Assert.Equal(["intbir"], Slugs(linker.Match(Grant(cihr, "TBI registries across provinces"))));
        Assert.Empty(linker.Match(Grant(cihr, "tbi-like tokens in lower case mean nothing")));
        Assert.Equal(["irdirc"], Slugs(linker.Match(Grant(cihr, "Faster diagnosis of rare diseases in children"))));
    }

    [Fact]
    public async Task A_seat_counts_only_from_the_year_it_was_taken()
    {
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            var seat = await db.Memberships.SingleAsync(m => m.Partnership.Slug == "intbir" && m.Organisation!.Acronym == "CIHR", Ct);
            Assert.Equal(new PartialDate(2011), seat.Joined);
        }
        var (linker, ids) = await LoadAsync();
        var cihr = Member(ids, "CIHR", "CA");

        Assert.Empty(linker.Match(Grant(cihr, "Concussion in ice hockey", awarded: new DateOnly(2009, 6, 1))));
        Assert.Equal(["intbir"], Slugs(linker.Match(Grant(cihr, "Concussion in ice hockey", awarded: new DateOnly(2011, 1, 1)))));
    }
}
