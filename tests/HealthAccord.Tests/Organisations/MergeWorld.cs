using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Data.Common;
using HealthAccord.Data.Portfolio;
using HealthAccord.Data.Registry;
using HealthAccord.Tests.Grants;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Organisations;

/// <summary>
/// A flagged duplicate with something of every kind a merge moves (a grant it funds, a seat, an agreement party, an
/// org-id identifier, a ROR id, a representative) and the organisation it duplicates, written straight into the
/// database with names no other test uses.
/// </summary>
public sealed record MergeWorld(int DuplicateId, string DuplicateName, int KeptId, string KeptName, string Identifier, string RorId,
    long GrantId, int MembershipId, int AgreementId, string RepresentativeId)
{
    /// <summary>A list of its own for each record: one shared instance would look to EF like a source moving between owners.</summary>
    private static List<SourceReference> Source => [new() { Url = "https://example.org/source", Title = "Example source" }];

    public static async Task<MergeWorld> CreateAsync(HealthAccordFactory factory)
    {
        var ct = TestContext.Current.CancellationToken;
        var tag = Guid.NewGuid().ToString("N");
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var duplicate = new Organisation
        {
            Name = "Merge duplicate " + tag,
            CountryCode = "GB",
            RorId = OrganisationData.UniqueRorId(),
            NeedsReview = true,
            Sources = Source,
            Identifiers = [new OrganisationIdentifier { Value = "GB-CHC-" + tag }],
        };
        var kept = new Organisation { Name = "Merge kept " + tag, CountryCode = "GB", Sources = Source };
        var partnership = new Partnership { Slug = "merge-" + tag[..16], Acronym = "MRG", Name = "Merge partnership " + tag, Summary = "For merges.", Sources = Source };
        var membership = new Membership { Partnership = partnership, Organisation = duplicate, Role = MembershipRole.Member, Sources = Source };
        var agreement = new Agreement
        {
            Title = "Merge agreement " + tag,
            Kind = AgreementKind.MemorandumOfUnderstanding,
            Status = AgreementStatus.InForce,
            Sources = Source,
            Parties = [new AgreementParty { Name = duplicate.Name, Organisation = duplicate }],
            Partnerships = [partnership],
        };
        db.AddRange(duplicate, kept, partnership, membership, agreement);
        await db.SaveChangesAsync(ct);

        var grant = await new GrantBuilder("merge-" + tag, "Merge grant " + tag).Funder(duplicate.Name).Recipient(kept.Name, "GB").SaveAsync(db, ct);
        await factory.Services.GetRequiredService<GrantIndex>().IndexGrantsAsync([grant.Id], ct);
        var representative = factory.CreateAccount(AccountRoles.FunderRepresentative, organisation: duplicate.Id);
        return new MergeWorld(duplicate.Id, duplicate.Name, kept.Id, kept.Name, "GB-CHC-" + tag, duplicate.RorId!, grant.Id, membership.Id,
            agreement.Id, representative.Id);
    }

    public string MergeUrl => $"/api/v1/organisations/{DuplicateId}/merge-into/{KeptId}";

    /// <summary>Row counts of every table a merge could touch, in one string: equal before and after means nothing else changed.</summary>
    public static string Counts(HealthAccordFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        return $"organisations {db.Organisations.Count()}, grants {db.Grants.Count()}, participants {db.GrantParticipants.Count()}, " +
            $"memberships {db.Memberships.Count()}, agreements {db.Agreements.Count()}, parties {db.AgreementParties.Count()}, " +
            $"identifiers {db.OrganisationIdentifiers.Count()}, partnerships {db.Partnerships.Count()}, users {db.Users.Count()}";
    }
}
