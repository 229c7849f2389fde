using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Agreements;

public sealed record AgreementListRequest(
    [property: FromQuery] string? Q,
    [property: FromQuery] string? Kind,
    [property: FromQuery] string? Status,
    [property: FromQuery] string? Partnership,
    [property: FromQuery] string? Country,
    [property: FromQuery] int? Page,
    [property: FromQuery] int? PageSize,
    [property: FromQuery] string? Format);

public static class AgreementEndpoints
{
    public static void MapAgreementEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/agreements").WithTags("Agreements");
        group.CacheOutput(RegistryCache.Policy);
        group.MapGet("/", List).WithName("ListAgreements")
            .WithSummary("List cooperation agreements")
            .WithDescription("Agreements, legal acts and memoranda behind the partnerships. Filter by text, kind, status, partnership or party country; format=csv or json downloads every match.");
        group.MapGet("/{id:int}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetAgreement")
            .WithSummary("Get one agreement")
            .WithDescription("The agreement with its parties, dates, status, documents and linked partnerships.");

        var writes = group.MapEditorWrites();
        writes.MapPost("/", Create).WithName("CreateAgreement").WithSummary("Create an agreement")
            .WithDescription("Dates are YYYY, YYYY-MM or YYYY-MM-DD; entry into force may not precede signature, nor expiry entry into force.");
        writes.MapPut("/{id:int}", Update).WithPreconditions().WithName("UpdateAgreement")
            .WithSummary("Replace an agreement's fields").WithDescription("Send If-Match with the ETag from GET.");
        writes.MapDelete("/{id:int}", Delete).WithPreconditions().WithName("DeleteAgreement")
            .WithSummary("Delete an agreement").WithDescription("Send If-Match with the ETag from GET.");
    }

    public static async Task<Results<EtaggedJson<Page<AgreementSummary>>, DownloadResult, ValidationProblem>> List(
        [AsParameters] AgreementListRequest request, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var validation = new Validation();
        var kind = EnumValues.Parse<AgreementKind>(validation, "kind", request.Kind);
        var status = EnumValues.Parse<AgreementStatus>(validation, "status", request.Status);
        var filter = new AgreementFilter(request.Q, kind, status, request.Partnership, request.Country);
        return await ListResponses.RespondAsync(http, validation, request.Page, request.PageSize, request.Format, "agreements",
            (page, size) => AgreementQueries.ListAsync(db, filter, page, size, ct), AgreementCsvRow.From);
    }

    public static async Task<Results<EtaggedJson<AgreementDetail>, ProblemHttpResult>> Get(int id, HealthAccordDbContext db, CancellationToken ct)
    {
        var detail = await AgreementQueries.DetailAsync(db, id, ct);
        return detail is null ? Problems.NotFound("Agreement", $"{id}") : ETags.Json(detail);
    }

    public static async Task<Results<Created<AgreementDetail>, ValidationProblem, ProblemHttpResult>> Create(
        AgreementInput input, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var outcome = await AgreementWrites.CreateAsync(http, db, input, ct);
        if (outcome.Refused is { } refused) return refused;
        if (outcome.Invalid is { } invalid) return Problems.Invalid(invalid);
        var id = outcome.Record!.Id;
        return TypedResults.Created($"/api/v1/agreements/{id}", (await AgreementQueries.DetailAsync(db, id, ct))!);
    }

    public static async Task<Results<EtaggedJson<AgreementDetail>, ValidationProblem, ProblemHttpResult>> Update(
        int id, AgreementInput input, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var current = await AgreementQueries.DetailAsync(db, id, ct);
        if (current is null) return Problems.NotFound("Agreement", $"{id}");
        var linked = await LinkedPartnershipsAsync(db, id, ct);
        // Whether the caller may touch this agreement at all is answered before the precondition, as for every record.
        if (await http.AuthorizeWriteAsync(new AgreementChange(linked, linked)) is { } denied) return denied;
        if (Preconditions.Check(http, current) is { } failed) return failed;

        var outcome = await AgreementWrites.UpdateAsync(http, db, id, current.Version, input, ct);
        if (outcome.Refused is { } refused) return refused;
        if (outcome.Invalid is { } invalid) return Problems.Invalid(invalid);
        return ETags.Json((await AgreementQueries.DetailAsync(db, id, ct))!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var current = await AgreementQueries.DetailAsync(db, id, ct);
        if (current is null) return Problems.NotFound("Agreement", $"{id}");
        var linked = await LinkedPartnershipsAsync(db, id, ct);
        if (await http.AuthorizeWriteAsync(new AgreementChange(linked, new HashSet<int>(), Deleting: true)) is { } denied) return denied;
        if (Preconditions.Check(http, current) is { } failed) return failed;

        var outcome = await AgreementWrites.DeleteAsync(http, db, id, current.Version, ct);
        if (outcome.Refused is { } refused) return refused;
        return TypedResults.NoContent();
    }

    private static async Task<HashSet<int>> LinkedPartnershipsAsync(HealthAccordDbContext db, int agreementId, CancellationToken ct) =>
        (await db.Agreements.Where(a => a.Id == agreementId).SelectMany(a => a.Partnerships.Select(p => p.Id)).ToListAsync(ct)).ToHashSet();
}
