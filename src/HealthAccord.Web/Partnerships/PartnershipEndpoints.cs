using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Partnerships;

public sealed record PartnershipListRequest(
    [property: FromQuery] string? Q,
    [property: FromQuery] string? Theme,
    [property: FromQuery] string? EuRole,
    [property: FromQuery] string? Country,
    [property: FromQuery] int? Page,
    [property: FromQuery] int? PageSize,
    [property: FromQuery] string? Format);

public static class PartnershipEndpoints
{
    public static void MapPartnershipEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/partnerships").WithTags("Partnerships");
        group.CacheOutput(RegistryCache.Policy);
        group.MapGet("/", List).WithName("ListPartnerships")
            .WithSummary("List partnerships")
            .WithDescription("Partnerships with the EU's role and headline goal with progress. Filter by text (q), theme, EU role or member country; format=csv or json downloads every match.");
        group.MapGet("/{slug}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetPartnership")
            .WithSummary("Get one partnership")
            .WithDescription("The full record: members with countries and roles, goals with measurements and progress, agreements and sources.");

        var writes = group.MapEditorWrites();
        writes.MapPost("/", Create).WithName("CreatePartnership").WithSummary("Create a partnership")
            .WithDescription("Every field is validated; errors name the field. The slug becomes the stable URL /partnerships/{slug}.");
        writes.MapPut("/{slug}", Update).WithPreconditions().WithName("UpdatePartnership")
            .WithSummary("Replace a partnership's fields")
            .WithDescription("Send If-Match with the ETag from GET; a stale ETag gets 412 and changes nothing.");
        writes.MapDelete("/{slug}", Delete).WithPreconditions().WithName("DeletePartnership")
            .WithSummary("Delete a partnership with its memberships and goals")
            .WithDescription("Send If-Match with the ETag from GET.");
    }

    public static async Task<Results<EtaggedJson<Page<PartnershipSummary>>, DownloadResult, ValidationProblem>> List(
        [AsParameters] PartnershipListRequest request, HealthAccordDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var validation = new Validation();
        var euRole = EnumValues.Parse<EuRole>(validation, "euRole", request.EuRole);
        var filter = new PartnershipFilter(request.Q, request.Theme, euRole, request.Country);
        return await ListResponses.RespondAsync(http, validation, request.Page, request.PageSize, request.Format, "partnerships",
            (page, size) => PartnershipQueries.ListAsync(db, filter, page, size, clock.Today(), ct), PartnershipCsvRow.From);
    }

    public static async Task<Results<EtaggedJson<PartnershipDetail>, ProblemHttpResult>> Get(
        string slug, HealthAccordDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var detail = await PartnershipQueries.DetailAsync(db, slug, clock.Today(), ct);
        return detail is null ? Problems.NotFound("Partnership", slug) : ETags.Json(detail);
    }

    public static async Task<Results<Created<PartnershipDetail>, ValidationProblem, ProblemHttpResult>> Create(
        PartnershipInput input, HealthAccordDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (await http.AuthorizeWriteAsync(new RegistryCoverage("partnerships")) is { } denied) return denied;
        var validation = input.Validate(clock.GetUtcNow().Year);
        if (validation.IsValid && await db.Partnerships.AnyAsync(p => p.Slug == input.Slug, ct))
            validation.Add("slug", $"A partnership with the slug '{input.Slug}' already exists.");
        if (!validation.IsValid) return Problems.Invalid(validation);

        var partnership = new Partnership { Slug = "", Acronym = "", Name = "", Summary = "" };
        input.ApplyTo(partnership);
        db.Partnerships.Add(partnership);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        var detail = (await PartnershipQueries.DetailAsync(db, partnership.Slug, clock.Today(), ct))!;
        return TypedResults.Created($"/api/v1/partnerships/{partnership.Slug}", detail);
    }

    public static async Task<Results<EtaggedJson<PartnershipDetail>, ValidationProblem, ProblemHttpResult>> Update(
        string slug, PartnershipInput input, HealthAccordDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var current = await PartnershipQueries.DetailAsync(db, slug, clock.Today(), ct);
        if (current is null) return Problems.NotFound("Partnership", slug);
        if (await http.AuthorizeWriteAsync(new PartnershipContent(current.Id)) is { } denied) return denied;
        if (Preconditions.Check(http, current) is { } failed) return failed;

        var validation = input.Validate(clock.GetUtcNow().Year);
        if (validation.IsValid && input.Slug != slug && await db.Partnerships.AnyAsync(p => p.Slug == input.Slug, ct))
            validation.Add("slug", $"A partnership with the slug '{input.Slug}' already exists.");
        if (!validation.IsValid) return Problems.Invalid(validation);

        var partnership = await db.Partnerships.SingleAsync(p => p.Id == current.Id, ct);
        if (partnership.Version != current.Version) return Preconditions.Conflict();
        input.ApplyTo(partnership);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return ETags.Json((await PartnershipQueries.DetailAsync(db, partnership.Slug, clock.Today(), ct))!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string slug, HealthAccordDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (await http.AuthorizeWriteAsync(new RegistryCoverage("partnerships")) is { } denied) return denied;
        var current = await PartnershipQueries.DetailAsync(db, slug, clock.Today(), ct);
        if (current is null) return Problems.NotFound("Partnership", slug);
        if (Preconditions.Check(http, current) is { } failed) return failed;

        var partnership = await db.Partnerships.Include(p => p.Agreements).SingleAsync(p => p.Id == current.Id, ct);
        if (partnership.Version != current.Version) return Preconditions.Conflict();
        db.Partnerships.Remove(partnership);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return TypedResults.NoContent();
    }
}
