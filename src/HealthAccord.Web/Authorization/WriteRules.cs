using Microsoft.AspNetCore.Authorization;

namespace HealthAccord.Web.Authorization;

/// <summary>The requirement every registry write is checked against, with its <see cref="WriteTarget"/> as the resource.</summary>
public sealed class WriteRequirement : IAuthorizationRequirement
{
    public static readonly WriteRequirement Instance = new();
}

/// <summary>
/// Who may change what, in one place:
/// <list type="bullet">
/// <item>administrators: everything;</item>
/// <item>editors: the partnerships in their scope with those partnerships' memberships, goals and measurements;
/// agreements linked to one of their partnerships, as long as the links they add or remove are to their own
/// partnerships (and deleting needs every linked partnership); the grant portfolio (imports); and grants linked to one
/// of their partnerships;</item>
/// <item>funder representatives: their one organisation's record, and the grants it funds (it answers for what it
/// published about them), and its answers to outbreak alerts;</item>
/// <item>editors also steer the response to an outbreak that concerns one of their partnerships (convening, closing), and
/// write down the answers its funders gave by phone or email;</item>
/// <item>anyone else: nothing.</item>
/// </list>
/// </summary>
public sealed class WriteRules(AccountAccess access) : AuthorizationHandler<WriteRequirement, WriteTarget>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, WriteRequirement requirement, WriteTarget resource)
    {
        var rights = await access.RightsOfAsync(context.User);
        if (Allows(rights, resource)) context.Succeed(requirement);
    }

    public static bool Allows(WriterRights rights, WriteTarget target)
    {
        if (rights.IsAdministrator) return true;
        return target switch
        {
            RegistryCoverage or OrganisationReview => false,
            PartnershipContent content => rights.Edits(content.PartnershipId),
            OrganisationRecord organisation => rights.Represents(organisation.OrganisationId),
            AgreementChange { Deleting: true } change => change.LinkedBefore.Count > 0 && change.LinkedBefore.All(rights.Edits),
            // A new agreement is linked to nothing before: every link it makes must be to the editor's partnerships.
            AgreementChange { LinkedBefore.Count: 0 } change => change.LinkedAfter.Count > 0 && change.LinkedAfter.All(rights.Edits),
            AgreementChange change => change.LinkedBefore.Any(rights.Edits)
                && change.LinkedBefore.Except(change.LinkedAfter).Concat(change.LinkedAfter.Except(change.LinkedBefore)).All(rights.Edits),
            Outbreaks.Declaration.OutbreakDeclaration declaration => declaration.Partnerships.Count > 0 && declaration.Partnerships.All(rights.Edits),
            GrantPortfolio => rights.IsEditor,
            GrantRecordEdit grant => grant.Funders.Any(rights.Represents) || grant.Partnerships.Any(rights.Edits),
            Outbreaks.Board.OutbreakSteering steering => steering.Partnerships.Any(rights.Edits),
            Outbreaks.Board.OutbreakAnswer answer => rights.Represents(answer.OrganisationId),
            Outbreaks.Board.OutbreakAnswerOnBehalf onBehalf => onBehalf.Partnerships.Any(rights.Edits),
            _ => false,
        };
    }
}
