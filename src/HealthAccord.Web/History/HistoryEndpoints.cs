using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.History;

public sealed record HistoryListRequest(
    [property: FromQuery] string? RecordType,
    [property: FromQuery] int? RecordId,
    [property: FromQuery] string? Actor,
    [property: FromQuery] string? Source,
    [property: FromQuery] string? From,
    [property: FromQuery] string? To,
    [property: FromQuery] int? Page,
    [property: FromQuery] int? PageSize,
    [property: FromQuery] string? Format);

public sealed record RecordHistoryRequest(
    [property: FromQuery] int? Page,
    [property: FromQuery] int? PageSize,
    [property: FromQuery] string? Format);

public static class HistoryEndpoints
{
    public static void MapHistoryEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/history").WithTags("History");
        group.CacheOutput(RegistryCache.Policy);
        // The whole log, like the audit log page, is for those the AuditLog policy admits; a record's own history is public.
        group.MapGet("/", List).RequireAuthorization(HistoryPolicies.ApiAuditLog)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("ListChanges")
            .WithSummary("List changes to the registry, newest first (the audit log)")
            .WithDescription("Every change set: who made it, when, from where (api, web, import, cli, revert) and the records it changed with " +
                "their fields' old and new values. Filter by recordType (with recordId), actor (id or name), source, and from/to dates " +
                "(YYYY-MM-DD, UTC, inclusive); format=csv or json downloads every match. Needs an administrator's API token; the " +
                "history of one record is public under the record (e.g. /partnerships/{slug}/history).");
        group.MapGet("/changes/{id:long}", Get).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetChange")
            .WithSummary("Get one change set")
            .WithDescription("The change set with every record it changed, each with its state before and after in the registry export's record shape.");

        var writes = group.MapEditorWrites();
        writes.MapPost("/changes/{id:long}/revert", Revert).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RevertChange")
            .WithSummary("Revert a change set")
            .WithDescription("Puts every record the change touched back as it was before, through the same checks as an edit: updated records get " +
                "their earlier values, created ones are deleted, deleted ones are recreated under their old ids. The revert is itself a change " +
                "set pointing at this one. The token's account needs the right to make each of those changes (403 otherwise). If any " +
                "of the records has changed since, the answer is 409 naming them, and nothing changes; imports are not reverted.");

        var records = api.MapGroup("/").WithTags("History");
        records.CacheOutput(RegistryCache.Policy);
        records.MapGet("/partnerships/{slug}/history", PartnershipHistory).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetPartnershipHistory").WithSummary("Changes to a partnership, its memberships and its goals")
            .WithDescription("Newest first, paged like every list. The history of a deleted partnership is in /history?recordType=partnership&recordId=.");
        records.MapGet("/organisations/{id:int}/history", (int id, [AsParameters] RecordHistoryRequest request, HealthAccordDbContext db, HttpContext http,
                CancellationToken ct) => RecordHistory(RecordType.Organisation, id, HistoryFilter.Organisation(id), request, db, http, ct))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetOrganisationHistory").WithSummary("Changes to an organisation and the memberships it holds")
            .WithDescription("Newest first, paged like every list; also for an organisation that has since been deleted.");
        MapRecordHistory(records, "memberships", RecordType.Membership, "GetMembershipHistory", "Changes to a membership");
        MapRecordHistory(records, "agreements", RecordType.Agreement, "GetAgreementHistory", "Changes to an agreement, its parties, documents and links");
        MapRecordHistory(records, "goals", RecordType.Goal, "GetGoalHistory", "Changes to a goal and its measurements");
        MapRecordHistory(records, "grants", RecordType.Grant, "GetGrantHistory", "Edits of a grant, with its countries, pathogens and partnership links");
    }

    private static void MapRecordHistory(RouteGroupBuilder records, string collection, RecordType type, string name, string summary) =>
        records.MapGet($"/{collection}/{{id:int}}/history", (int id, [AsParameters] RecordHistoryRequest request, HealthAccordDbContext db, HttpContext http,
                CancellationToken ct) => RecordHistory(type, id, HistoryFilter.Record(type, id), request, db, http, ct))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName(name).WithSummary(summary)
            .WithDescription("Newest first, paged like every list; also for a record that has since been deleted.");

    public static async Task<Results<EtaggedJson<Page<ChangeSetDto>>, DownloadResult, ValidationProblem>> List(
        [AsParameters] HistoryListRequest request, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var validation = new Validation();
        var filter = new HistoryFilterInput(request.RecordType, request.RecordId, request.Actor, request.Source, request.From, request.To).Parse(validation);
        return await ListResponses.RespondAsync(http, validation, request.Page, request.PageSize, request.Format, "history",
            (page, size) => HistoryQueries.ListAsync(db, filter, page, size, ct), ChangeSetCsvRow.From);
    }

    public static async Task<Results<EtaggedJson<ChangeSetDetail>, ProblemHttpResult>> Get(long id, HealthAccordDbContext db, CancellationToken ct)
    {
        var detail = await HistoryQueries.DetailAsync(db, id, ct);
        return detail is null ? Problems.NotFound("Change", $"{id}") : ETags.Json(detail);
    }

    public static async Task<Results<Created<ChangeSetDetail>, ProblemHttpResult>> Revert(long id, ChangeRecorder recorder, ChangeReverter reverter,
        HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var recording = recorder.Current
            ?? throw new InvalidOperationException("A revert runs inside the recorded write that MapEditorWrites opens around it.");
        if (await reverter.RevertAsync(id, http.User, recording, ct) is { } problem) return TypedResults.Problem(problem);
        // Completed here rather than by the filter, so the answer can name the new change set.
        var revert = await recording.CompleteAsync(ct);
        if (revert is null) return TypedResults.Problem(ChangeReverter.NothingChanged(id));
        return TypedResults.Created($"/api/v1/history/changes/{revert.Id}", (await HistoryQueries.DetailAsync(db, revert.Id, ct))!);
    }

    public static async Task<Results<EtaggedJson<Page<ChangeSetDto>>, DownloadResult, ValidationProblem, ProblemHttpResult>> PartnershipHistory(
        string slug, [AsParameters] RecordHistoryRequest request, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var id = await db.Partnerships.Where(p => p.Slug == slug).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
        if (id is null) return Problems.NotFound("Partnership", slug);
        return Widen(await ListResponses.RespondAsync(http, new Validation(), request.Page, request.PageSize, request.Format, $"{slug}-history",
            (page, size) => HistoryQueries.ListAsync(db, new HistoryFilter(HistoryFilter.Partnership(id.Value)), page, size, ct), ChangeSetCsvRow.From));
    }

    private static async Task<Results<EtaggedJson<Page<ChangeSetDto>>, DownloadResult, ValidationProblem, ProblemHttpResult>> RecordHistory(
        RecordType type, int id, System.Linq.Expressions.Expression<Func<RecordChange, bool>> records, RecordHistoryRequest request,
        HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var known = await RecordSnapshots.LoadAsync(db, new RecordKey(type, id), ct) is not null
            || await db.RecordChanges.AnyAsync(r => r.RecordType == type && r.RecordId == id, ct);
        if (!known) return Problems.NotFound(ChangeSummaries.Noun(type), $"{id}");
        return Widen(await ListResponses.RespondAsync(http, new Validation(), request.Page, request.PageSize, request.Format,
            $"{ChangeSummaries.Word(type)}-{id}-history",
            (page, size) => HistoryQueries.ListAsync(db, new HistoryFilter(records), page, size, ct), ChangeSetCsvRow.From));
    }

    private static Results<EtaggedJson<Page<ChangeSetDto>>, DownloadResult, ValidationProblem, ProblemHttpResult> Widen(
        Results<EtaggedJson<Page<ChangeSetDto>>, DownloadResult, ValidationProblem> result) => result.Result switch
        {
            EtaggedJson<Page<ChangeSetDto>> page => page,
            DownloadResult download => download,
            ValidationProblem invalid => invalid,
            _ => throw new InvalidOperationException($"Unexpected list result {result.Result.GetType().Name}."),
        };
}
