using HealthAccord.Data;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Outbreaks.Clock;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Outbreaks.Board;

/// <summary>Recording an outbreak's convening, or closing it: what a partnership's editors do, as the API sends it.</summary>
/// <param name="ConvenedAt">When it was held, in UTC.</param>
/// <param name="Note">Who met, what was agreed, in a few words.</param>
/// <param name="Version">The outbreak's version the writer saw; when given and no longer stored, nothing is changed (409).</param>
public sealed record ConveningInput(DateTime? ConvenedAt, string? Note, int? Version);

/// <param name="Version">As for <see cref="ConveningInput"/>.</param>
public sealed record CloseInput(int? Version);

/// <summary>
/// The convening (recorded, corrected or cleared) and the close, shared by the API and the outbreak page. All are refused
/// once the outbreak is closed; the convening also feeds GloPID-R's response-time indicator (<see cref="ResponseTimeIndicator"/>).
/// </summary>
public static class OutbreakSteeringWrites
{
    public static async Task<WriteOutcome<Outbreak>> RecordConveningAsync(HttpContext http, HealthAccordDbContext db, int id, ConveningInput input,
        CancellationToken ct)
    {
        var (outbreak, refused) = await LoadAsync(http, db, id, input.Version, ct);
        if (refused is not null) return refused;
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var validation = new Validation();
        var utc = input.ConvenedAt is not { } at ? (DateTime?)null
            : at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : DateTime.SpecifyKind(at, DateTimeKind.Utc);
        if (utc is null) validation.Add("convenedAt", "Give the date and time (UTC) the convening was held.");
        else
        {
            if (utc < outbreak!.TriggeredAt)
                validation.Add("convenedAt", $"The convening cannot come before the trigger ({OutbreakText.Time(outbreak.TriggeredAt)}).");
            else if (utc > now) validation.Add("convenedAt", "The convening cannot be recorded before it has been held: this time is in the future.");
        }
        validation.Length("note", input.Note, Limits.Note);
        if (!validation.IsValid) return validation;

        outbreak!.ConvenedAt = utc;
        outbreak.ConveningNote = Persistence.Clean(input.Note);
        await ResponseTimeIndicator.RecordAsync(db, outbreak, OutbreakText.PageUrl(http, outbreak.Id), ct);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return outbreak;
    }

    /// <summary>
    /// Clears a convening recorded by mistake: the milestone is not reached again, and GloPID-R's measurement of this
    /// outbreak's response time goes with it, since there is nothing left to measure until a convening is recorded.
    /// </summary>
    public static async Task<WriteOutcome<Outbreak>> ClearConveningAsync(HttpContext http, HealthAccordDbContext db, int id, int? version,
        CancellationToken ct)
    {
        var (outbreak, refused) = await LoadAsync(http, db, id, version, ct);
        if (refused is not null) return refused;
        if (outbreak!.ConvenedAt is null)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "No convening is recorded",
                Detail = "This outbreak has no convening recorded, so there is nothing to clear.",
            });
        }
        outbreak.ConvenedAt = null;
        outbreak.ConveningNote = null;
        await ResponseTimeIndicator.RemoveAsync(db, outbreak.Id, ct);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return outbreak;
    }

    public static async Task<WriteOutcome<Outbreak>> CloseAsync(HttpContext http, HealthAccordDbContext db, int id, CloseInput input, CancellationToken ct)
    {
        var (outbreak, refused) = await LoadAsync(http, db, id, input.Version, ct);
        if (refused is not null) return refused;
        outbreak!.ClosedAt = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return outbreak;
    }

    private static async Task<(Outbreak?, ProblemHttpResult?)> LoadAsync(HttpContext http, HealthAccordDbContext db, int id, int? version, CancellationToken ct)
    {
        var outbreak = await db.Outbreaks.Include(o => o.Partnerships).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (outbreak is null) return (null, Problems.NotFound("Outbreak", $"{id}"));
        if (await http.AuthorizeWriteAsync(new OutbreakSteering(outbreak.Partnerships.Select(p => p.Id).ToHashSet())) is { } denied) return (null, denied);
        if (outbreak.ClosedAt is not null) return (null, Closed(outbreak));
        if (version is { } expected && expected != outbreak.Version) return (null, Preconditions.Conflict());
        return (outbreak, null);
    }

    public static ProblemHttpResult Closed(Outbreak outbreak) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict,
        Title = "The response to this outbreak is closed",
        Detail = $"It was closed on {OutbreakText.Time(outbreak.ClosedAt!.Value)}; its clock has stopped and it takes no more answers or changes.",
    });
}
