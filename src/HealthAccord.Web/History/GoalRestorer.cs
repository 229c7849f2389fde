using HealthAccord.Data;
using HealthAccord.Data.Common;
using HealthAccord.Data.History;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Goals;
using HealthAccord.Web.Shared;
using HealthAccord.Web.Transfer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.History;

public sealed class GoalRestorer(HealthAccordDbContext db, TimeProvider clock) : RecordRestorer(db, clock)
{
    public override RecordType Type => RecordType.Goal;

    public override async Task<ProblemDetails?> RestoreAsync(int id, string? target, string label, CancellationToken ct)
    {
        var goal = await Db.Goals.Include(g => g.Measurements).SingleOrDefaultAsync(g => g.Id == id, ct);
        if (target is null)
        {
            if (goal is not null) Db.Goals.Remove(goal);
            return await SaveAsync(ct);
        }

        var record = Read<GoalRecord>(target);
        var slug = await Db.Partnerships.Where(p => p.Id == record.PartnershipId).Select(p => p.Slug).SingleOrDefaultAsync(ct);
        var input = new GoalInput(slug ?? $"(deleted partnership {record.PartnershipId})", record.IsHeadline, record.Statement, record.Indicator,
            record.Unit, record.Direction, record.Target, record.TargetNote, record.Baseline, record.BaselineNote, record.Deadline, record.DeadlineNote,
            Sources(record.Meta));
        var (validation, parsed) = await input.ValidateAsync(Db, ct);
        var measurements = new List<Measurement>();
        for (var i = 0; i < record.Measurements.Count; i++)
        {
            var m = record.Measurements[i];
            if (goal?.Measurements.Any(existing => existing.Id == m.Id) == true) continue;
            // Measurements have no edit of their own: a restored one passes the checks of adding it.
            var measurementInput = new MeasurementInput(m.MeasuredOn, m.PeriodLabel, m.Value, m.ValueText, m.SourceUrl, m.Note);
            var checks = measurementInput.Validate(Clock.Today(), out var measuredOn);
            foreach (var (field, messages) in checks.Errors)
            {
                foreach (var message in messages) validation.Add($"measurements[{i}].{field}", message);
            }
            if (checks.IsValid)
            {
                var restored = measurementInput.ToMeasurement(id, measuredOn);
                restored.Id = m.Id;
                restored.PeriodLabel = m.PeriodLabel;
                restored.ValueText = m.ValueText;
                restored.CreatedAt = m.CreatedAt;
                measurements.Add(restored);
            }
        }
        if (!validation.IsValid) return Invalid(validation, label);

        if (goal is null)
        {
            goal = new Goal { Id = id, Statement = "", Indicator = "" };
            Db.Goals.Add(goal);
        }
        input.ApplyTo(goal, parsed);
        if (goal.IsHeadline) await GoalEndpoints.ClearHeadlineAsync(Db, goal.PartnershipId, goal.Id, ct);
        var keep = record.Measurements.Select(m => m.Id).ToHashSet();
        goal.Measurements.RemoveAll(m => !keep.Contains(m.Id));
        goal.Measurements.AddRange(measurements);
        // A goal's progress follows its measurements, so changing only those still moves its version, as adding one does.
        if (Db.Entry(goal).State == EntityState.Unchanged) Db.Entry(goal).State = EntityState.Modified;
        return await SaveAsync(ct);
    }
}
