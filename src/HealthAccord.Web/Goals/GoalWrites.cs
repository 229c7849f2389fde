using HealthAccord.Data;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Goals;

/// <summary>
/// Creating, changing and deleting a goal and adding or removing its measurements, once for the API endpoints and the
/// edit pages (see <see cref="Partnerships.PartnershipWrites"/> for how callers use it). The goal's partnership
/// decides who may.
/// </summary>
public static class GoalWrites
{
    public static async Task<WriteOutcome<Goal>> CreateAsync(HttpContext http, HealthAccordDbContext db, GoalInput input, CancellationToken ct)
    {
        var (validation, parsed) = await input.ValidateAsync(db, ct);
        if (parsed.PartnershipId != 0 && await http.AuthorizeWriteAsync(new PartnershipContent(parsed.PartnershipId)) is { } denied) return denied;
        if (!validation.IsValid) return validation;
        var goal = new Goal { Statement = "", Indicator = "" };
        input.ApplyTo(goal, parsed);
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        if (goal.IsHeadline) await ClearHeadlineAsync(db, goal.PartnershipId, null, ct);
        db.Goals.Add(goal);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        await transaction.CommitAsync(ct);
        return goal;
    }

    public static async Task<WriteOutcome<Goal>> UpdateAsync(HttpContext http, HealthAccordDbContext db, int id, int expectedVersion, GoalInput input,
        CancellationToken ct)
    {
        var goal = await db.Goals.SingleOrDefaultAsync(g => g.Id == id, ct);
        if (goal is null) return Problems.NotFound("Goal", $"{id}");
        if (await http.AuthorizeWriteAsync(new PartnershipContent(goal.PartnershipId)) is { } denied) return denied;
        var (validation, parsed) = await input.ValidateAsync(db, ct);
        // Moving the goal to another partnership needs the right to edit that one too.
        if (parsed.PartnershipId != 0 && await http.AuthorizeWriteAsync(new PartnershipContent(parsed.PartnershipId)) is { } deniedTarget) return deniedTarget;
        if (!validation.IsValid) return validation;
        if (goal.Version != expectedVersion) return Preconditions.Conflict();
        input.ApplyTo(goal, parsed);
        await using var transaction = await db.Database.BeginOrJoinTransactionAsync(ct);
        if (goal.IsHeadline) await ClearHeadlineAsync(db, goal.PartnershipId, goal.Id, ct);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        await transaction.CommitAsync(ct);
        return goal;
    }

    /// <summary>A partnership has one headline goal; promoting another demotes the current one.</summary>
    internal static async Task ClearHeadlineAsync(HealthAccordDbContext db, int partnershipId, int? keepId, CancellationToken ct)
    {
        var others = await db.Goals.Where(g => g.PartnershipId == partnershipId && g.IsHeadline && g.Id != keepId).ToListAsync(ct);
        foreach (var other in others) other.IsHeadline = false;
    }

    public static async Task<WriteOutcome<Goal>> DeleteAsync(HttpContext http, HealthAccordDbContext db, int id, int expectedVersion, CancellationToken ct)
    {
        var goal = await db.Goals.SingleOrDefaultAsync(g => g.Id == id, ct);
        if (goal is null) return Problems.NotFound("Goal", $"{id}");
        if (await http.AuthorizeWriteAsync(new PartnershipContent(goal.PartnershipId)) is { } denied) return denied;
        if (goal.Version != expectedVersion) return Preconditions.Conflict();
        db.Goals.Remove(goal);
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return goal;
    }

    public static async Task<WriteOutcome<Measurement>> AddMeasurementAsync(HttpContext http, HealthAccordDbContext db, int goalId, MeasurementInput input,
        DateOnly today, CancellationToken ct)
    {
        var goal = await db.Goals.SingleOrDefaultAsync(g => g.Id == goalId, ct);
        if (goal is null) return Problems.NotFound("Goal", $"{goalId}");
        if (await http.AuthorizeWriteAsync(new PartnershipContent(goal.PartnershipId)) is { } denied) return denied;
        var validation = input.Validate(today, out var measuredOn);
        if (!validation.IsValid) return validation;
        var measurement = input.ToMeasurement(goalId, measuredOn);
        db.Measurements.Add(measurement);
        // A new measurement changes the goal's progress, so the goal's version (and ETag) moves with it. The writer
        // did not condition the add on a version, so losing the race to another writer is retried, not reported.
        for (var attempt = 1; ; attempt++)
        {
            db.Entry(goal).State = EntityState.Modified;
            try
            {
                await db.SaveChangesAsync(ct);
                return measurement;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                await db.Entry(goal).ReloadAsync(ct);
                if (db.Entry(goal).State == EntityState.Detached) return Problems.NotFound("Goal", $"{goalId}");
            }
            catch (DbUpdateConcurrencyException)
            {
                return Preconditions.Conflict();
            }
        }
    }

    public static async Task<WriteOutcome<Measurement>> DeleteMeasurementAsync(HttpContext http, HealthAccordDbContext db, int goalId, int measurementId,
        CancellationToken ct)
    {
        var measurement = await db.Measurements.Include(m => m.Goal).SingleOrDefaultAsync(m => m.Id == measurementId && m.GoalId == goalId, ct);
        if (measurement is null) return Problems.NotFound("Measurement", $"{measurementId}");
        if (await http.AuthorizeWriteAsync(new PartnershipContent(measurement.Goal.PartnershipId)) is { } denied) return denied;
        db.Measurements.Remove(measurement);
        db.Entry(measurement.Goal).State = EntityState.Modified;
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;
        return measurement;
    }
}
