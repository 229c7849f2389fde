using System.Security.Claims;
using System.Text.Json.Nodes;
using HealthAccord.Data.History;
using HealthAccord.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HealthAccord.Web.History;

/// <summary>
/// Whether the author of a revert may make each of its changes: the same <see cref="WriteTarget"/>s the edit endpoints
/// check, built from the record as it stands and as the revert would leave it. Recreating or removing a partnership or
/// an organisation is an administrator's call, as adding or deleting one is.
/// </summary>
public sealed class RevertRights(IAuthorizationService authorization)
{
    /// <summary>Null when every record may be changed; otherwise the 403 problem naming the first that may not.</summary>
    public async Task<ProblemDetails?> CheckAsync(ClaimsPrincipal user, RecordChange change, JsonObject? current, JsonObject? target)
    {
        foreach (var writeTarget in TargetsOf(change.RecordType, change.RecordId, current, target))
        {
            if ((await authorization.AuthorizeAsync(user, writeTarget, WriteRequirement.Instance)).Succeeded) continue;
            return new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Not allowed for your account",
                Detail = $"Reverting would change {ChangeSummaries.Word(change.RecordType)} {change.Label}. {writeTarget.Refusal} Nothing was changed.",
            };
        }
        return null;
    }

    private static IEnumerable<WriteTarget> TargetsOf(RecordType type, int id, JsonObject? current, JsonObject? target)
    {
        var createdOrRemoved = current is null || target is null;
        switch (type)
        {
            case RecordType.Partnership:
                yield return createdOrRemoved ? new RegistryCoverage("partnerships") : new PartnershipContent(id);
                break;
            case RecordType.Organisation:
                yield return createdOrRemoved ? new RegistryCoverage("organisations") : new OrganisationRecord(id);
                break;
            case RecordType.Membership or RecordType.Goal:
                // A seat or goal moved between partnerships needs the right to both, as its update endpoint asks.
                foreach (var partnership in new[] { current, target }.OfType<JsonObject>().Select(s => (int)s["partnershipId"]!).Distinct())
                    yield return new PartnershipContent(partnership);
                break;
            case RecordType.Agreement:
                var before = Links(current);
                var after = Links(target);
                if (target is null) yield return new AgreementChange(before, new HashSet<int>(), Deleting: true);
                else if (current is null) yield return new AgreementChange(new HashSet<int>(), after);
                else
                {
                    yield return new AgreementChange(before, before);
                    yield return new AgreementChange(before, after);
                }
                break;
        }
    }

    private static HashSet<int> Links(JsonObject? agreement) =>
        (agreement?["partnershipIds"]?.AsArray() ?? []).Select(id => (int)id!).ToHashSet();
}
