using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Organisations.Review;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HealthAccord.Web.Organisations;

public sealed record OrganisationListRequest(
    [property: FromQuery] string? Q,
    [property: FromQuery] string? Type,
    [property: FromQuery] string? Country,
    [property: FromQuery] string? Partnership,
    [property: FromQuery] int? Page,
    [property: FromQuery] int? PageSize,
    [property: FromQuery] string? Format);

public static class OrganisationEndpoints
{
    public static void MapOrganisationEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/organisations").WithTags("Organisations");
        group.CacheOutput(RegistryCache.Policy);
        group.MapGet("/", List).WithName("ListOrganisations")
            .WithSummary("List member organisations")
            .WithDescription("Funders, agencies and research bodies. Filter by text (name, acronym or ROR id), type, country or partnership; format=csv or json downloads every match.");
        group.MapGet("/{id:int}", Get).ProducesProblem(StatusCodes.Status404NotFound).Produces(StatusCodes.Status301MovedPermanently).WithName("GetOrganisation")
            .WithSummary("Get one organisation")
            .WithDescription("The organisation with its memberships across all partnerships (the network view) and the agreements it is party to. " +
                "The id of an organisation merged into another redirects (301) to the one kept.");

        group.MapGet("/{id:int}/grant-totals", GrantTotals).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetOrganisationGrantTotals")
            .WithSummary("Grants an organisation funds and receives, by award year")
            .WithDescription("Counts and euro totals per award year, as funder and as recipient (lead or participant), from the imported portfolio.");
        group.MapOrganisationReviewEndpoints();
        var writes = group.MapEditorWrites();
        writes.MapPost("/", Create).WithName("CreateOrganisation").WithSummary("Create an organisation")
            .WithDescription("The country must be an ISO 3166-1 alpha-2 code (EU for the European Union); a ROR id is checked for format and checksum and must be unique.");
        writes.MapPut("/{id:int}", Update).WithPreconditions().WithName("UpdateOrganisation")
            .WithSummary("Replace an organisation's fields").WithDescription("Send If-Match with the ETag from GET.");
        writes.MapDelete("/{id:int}", Delete).WithPreconditions().WithName("DeleteOrganisation")
            .WithSummary("Delete an organisation that holds no memberships and is party to no agreement")
            .WithDescription("Send If-Match with the ETag from GET.");
    }

    public static async Task<Results<EtaggedJson<Page<OrganisationSummary>>, DownloadResult, ValidationProblem>> List(
        [AsParameters] OrganisationListRequest request, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var validation = new Validation();
        var type = EnumValues.Parse<OrganisationType>(validation, "type", request.Type);
        var filter = new OrganisationFilter(request.Q, type, request.Country, request.Partnership);
        return await ListResponses.RespondAsync(http, validation, request.Page, request.PageSize, request.Format, "organisations",
            (page, size) => OrganisationQueries.ListAsync(db, filter, page, size, ct), OrganisationCsvRow.From);
    }

    public static async Task<Results<EtaggedJson<OrganisationDetail>, RedirectHttpResult, ProblemHttpResult>> Get(int id, HealthAccordDbContext db, CancellationToken ct)
    {
        var detail = await OrganisationQueries.DetailAsync(db, id, ct);
        if (detail is not null) return ETags.Json(detail);
        if (await OrganisationMerger.SurvivorOfAsync(db, id, ct) is { } survivor) return TypedResults.Redirect($"/api/v1/organisations/{survivor}", permanent: true);
        return Problems.NotFound("Organisation", $"{id}");
    }

    public static async Task<Results<EtaggedJson<OrganisationGrantTotals>, ProblemHttpResult>> GrantTotals(int id, HealthAccordDbContext db, CancellationToken ct)
    {
        var totals = await OrganisationGrantTotals.ForAsync(db, id, ct);
        return totals is null ? Problems.NotFound("Organisation", $"{id}") : ETags.Json(totals);
    }

    public static async Task<Results<Created<OrganisationDetail>, ValidationProblem, ProblemHttpResult>> Create(
        OrganisationInput input, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var outcome = await OrganisationWrites.CreateAsync(http, db, input, ct);
        if (outcome.Invalid is { } invalid) return Problems.Invalid(invalid);
        if (outcome.Refused is { } refused) return refused;
        var id = outcome.Record!.Id;
        return TypedResults.Created($"/api/v1/organisations/{id}", (await OrganisationQueries.DetailAsync(db, id, ct))!);
    }

    public static async Task<Results<EtaggedJson<OrganisationDetail>, ValidationProblem, ProblemHttpResult>> Update(
        int id, OrganisationInput input, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var current = await OrganisationQueries.DetailAsync(db, id, ct);
        if (current is null) return Problems.NotFound("Organisation", $"{id}");
        if (await http.AuthorizeWriteAsync(new OrganisationRecord(id)) is { } denied) return denied;
        if (Preconditions.Check(http, current) is { } failed) return failed;

        var outcome = await OrganisationWrites.UpdateAsync(http, db, id, current.Version, input, ct);
        if (outcome.Invalid is { } invalid) return Problems.Invalid(invalid);
        if (outcome.Refused is { } refused) return refused;
        return ETags.Json((await OrganisationQueries.DetailAsync(db, id, ct))!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await http.AuthorizeWriteAsync(new RegistryCoverage("organisations")) is { } denied) return denied;
        var current = await OrganisationQueries.DetailAsync(db, id, ct);
        if (current is null) return Problems.NotFound("Organisation", $"{id}");
        if (Preconditions.Check(http, current) is { } failed) return failed;

        var outcome = await OrganisationWrites.DeleteAsync(http, db, id, current.Version, ct);
        if (outcome.Refused is { } refused) return refused;
        return TypedResults.NoContent();
    }
}
