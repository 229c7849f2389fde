using HealthAccord.Data;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Outbreaks.Declaration;

/// <summary>What a declaration answers: the new outbreak, where to follow it, and how many funders were alerted how.</summary>
public sealed record OutbreakDeclared(int Id, string Title, string PathogenCode, DateTime TriggeredAt, DateTime DeclaredAt, decimal QuorumShare,
    IReadOnlyList<string> Partnerships, int Funders, int EmailsQueued, int WebhooksQueued, string Page, string Deliveries);

public static class DeclarationEndpoints
{
    public static void MapDeclarationEndpoints(this IEndpointRouteBuilder api)
    {
        var writes = api.MapGroup("/outbreaks").WithTags("Outbreaks").MapEditorWrites();
        writes.MapPost("/", Declare).WithName("DeclareOutbreak").WithSummary("Declare an outbreak")
            .WithDescription("Starts a research response: the outbreak is recorded, every member funder (founding member, member, associate or chair) " +
                "of the partnerships concerned (GloPID-R when none is named) gets a response record, and their alerts are queued at once. " +
                "triggeredAt is an ISO 8601 time of the triggering event and may not lie in the future; quorumShare is in (0, 1] and defaults " +
                "to the site's setting. Editors declare for partnerships they edit.");
    }

    public static async Task<Results<Created<OutbreakDeclared>, ValidationProblem, ProblemHttpResult>> Declare(
        DeclarationInput input, HealthAccordDbContext db, HttpContext http, CancellationToken ct)
    {
        var outcome = await OutbreakWrites.DeclareAsync(http, db, input, ct);
        if (outcome.Refused is { } refused) return refused;
        if (outcome.Invalid is { } invalid) return Problems.Invalid(invalid);
        var outbreak = outcome.Record!;
        var declared = await DeclaredAsync(db, outbreak, ct);
        return TypedResults.Created($"/api/v1/outbreaks/{outbreak.Id}", declared);
    }

    private static async Task<OutbreakDeclared> DeclaredAsync(HealthAccordDbContext db, Outbreak o, CancellationToken ct)
    {
        var channels = await db.OutboxMessages.Where(m => m.OutbreakId == o.Id).GroupBy(m => m.Channel)
            .Select(g => new { Channel = g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(OutboxChannel channel) => channels.SingleOrDefault(c => c.Channel == channel)?.Count ?? 0;
        return new OutbreakDeclared(o.Id, o.Title, o.PathogenCode, o.TriggeredAt, o.DeclaredAt, o.QuorumShare,
            [.. o.Partnerships.Select(p => p.Slug).Order(StringComparer.Ordinal)], o.Responses.Count,
            Count(OutboxChannel.Email), Count(OutboxChannel.Webhook), $"/outbreaks/{o.Id}", $"/outbreaks/{o.Id}/deliveries");
    }
}
