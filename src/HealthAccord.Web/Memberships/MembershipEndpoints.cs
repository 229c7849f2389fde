using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Memberships;

public sealed record MembershipListRequest(
    [property: FromQuery] string? Partnership,
    [property: FromQuery] int? Organisation,
    [property: FromQuery] string? Country,
    [property: FromQuery] string? Role,
    [property: FromQuery] bool? Current,
    [property: FromQuery] int? Page,
    [property: FromQuery] int? PageSize,
    [property: FromQuery] string? Format);

public static class MembershipEndpoints
{
    public static void MapMembershipEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/memberships").WithTags("Memberships");
        group.CacheOutput(RegistryCache.Policy);
        group.MapGet("/", List).WithName("ListMemberships")
            .WithSummary("List memberships")
            .WithDescription("Who sits in which partnership, in what role and since when. Filter by partnership slug, organisation id, country, role or current (true: not left); format=csv or json downloads every match.");
        group.MapGet("/{id:int}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetMembership").WithSummary("Get one membership")
            .WithDescription("The seat with its holder, role, dates and sources.");

        var writes = group.MapEditorWrites();
        writes.MapPost("/", Create).WithName("CreateMembership").WithSummary("Add a member to a partnership")
            .WithDescription("Give exactly one of organisationId and countryCode; joined and left are YYYY, YYYY-MM or YYYY-MM-DD and left may not precede joined.");
        writes.MapPut("/{id:int}", Update).WithPreconditions().WithName("UpdateMembership")
            .WithSummary("Replace a membership's fields").WithDescription("Send If-Match with the ETag from GET.");
        writes.MapDelete("/{id:int}", Delete).WithPreconditions().WithName("DeleteMembership")
            .WithSummary("Remove a membership record").WithDescription("To record that a member left, set 'left' instead. Send If-Match with the ETag from GET.");
    }

    public static async Task<Results<EtaggedJson<Page<MembershipDto>>, DownloadResult, ValidationProblem>> List(
        [AsParameters] MembershipListRequest request, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var validation = new Validation();
        var role = EnumValues.Parse<MembershipRole>(validation, "role", request.Role);
        var filter = new MembershipFilter(request.Partnership, request.Organisation, request.Country, role, request.Current);
        return await ListResponses.RespondAsync(http, validation, request.Page, request.PageSize, request.Format, "memberships",
            (page, size) => MembershipQueries.ListAsync(db, filter, page, size, ct), MembershipCsvRow.From);
    }

    public static async Task<Results<EtaggedJson<MembershipDto>, ProblemHttpResult>> Get(int id, HealthAccordDbContext db, CancellationToken ct)
    {
        var detail = await MembershipQueries.DetailAsync(db, id, ct);
        return detail is null ? Problems.NotFound("Membership", $"{id}") : ETags.Json(detail);
    }

    public static async Task<Results<Created<MembershipDto>, ValidationProblem, ProblemHttpResult>> Create(
        MembershipInput input, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var (validation, parsed) = await input.ValidateAsync(db, ct);
        // The partnership decides who may add the seat; refuse before listing other fields' errors to a stranger.
        if (parsed.PartnershipId != 0 && await http.AuthorizeWriteAsync(new PartnershipContent(parsed.PartnershipId)) is { } denied) return denied;
        if (!validation.IsValid) return Problems.Invalid(validation);
        var membership = new Membership();
        input.ApplyTo(membership, parsed);
        db.Memberships.Add(membership);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return TypedResults.Created($"/api/v1/memberships/{membership.Id}", (await MembershipQueries.DetailAsync(db, membership.Id, ct))!);
    }

    public static async Task<Results<EtaggedJson<MembershipDto>, ValidationProblem, ProblemHttpResult>> Update(
        int id, MembershipInput input, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var current = await MembershipQueries.DetailAsync(db, id, ct);
        if (current is null) return Problems.NotFound("Membership", $"{id}");
        var membership = await db.Memberships.SingleAsync(m => m.Id == id, ct);
        if (await http.AuthorizeWriteAsync(new PartnershipContent(membership.PartnershipId)) is { } denied) return denied;
        if (Preconditions.Check(http, current) is { } failed) return failed;
        var (validation, parsed) = await input.ValidateAsync(db, ct);
        // Moving the seat to another partnership needs the right to edit that one too.
        if (parsed.PartnershipId != 0 && await http.AuthorizeWriteAsync(new PartnershipContent(parsed.PartnershipId)) is { } deniedTarget) return deniedTarget;
        if (!validation.IsValid) return Problems.Invalid(validation);

        if (membership.Version != current.Version) return Preconditions.Conflict();
        input.ApplyTo(membership, parsed);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return ETags.Json((await MembershipQueries.DetailAsync(db, id, ct))!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var current = await MembershipQueries.DetailAsync(db, id, ct);
        if (current is null) return Problems.NotFound("Membership", $"{id}");
        var membership = await db.Memberships.SingleAsync(m => m.Id == id, ct);
        if (await http.AuthorizeWriteAsync(new PartnershipContent(membership.PartnershipId)) is { } denied) return denied;
        if (Preconditions.Check(http, current) is { } failed) return failed;
        if (membership.Version != current.Version) return Preconditions.Conflict();
        db.Memberships.Remove(membership);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return TypedResults.NoContent();
    }
}
