using HealthAccord.Data;
using HealthAccord.Data.History;
using HealthAccord.Web.Shared;
using HealthAccord.Web.Transfer;
using Microsoft.AspNetCore.Mvc;

namespace HealthAccord.Web.History;

/// <summary>
/// Brings one record to a state stored in the history, through the same input validation (and the same extra rules:
/// unique slug, one headline goal, an organisation in use is not deleted) that an edit of it through the API passes.
/// </summary>
public abstract class RecordRestorer(HealthAccordDbContext db, TimeProvider clock)
{
    protected HealthAccordDbContext Db { get; } = db;
    protected TimeProvider Clock { get; } = clock;

    public abstract RecordType Type { get; }

    /// <summary>
    /// Restores record <paramref name="id"/> to <paramref name="target"/> (a snapshot; null means the record must not
    /// exist): recreated under its old id, updated, or deleted. Null when done, otherwise why it could not be.
    /// </summary>
    public abstract Task<ProblemDetails?> RestoreAsync(int id, string? target, string label, CancellationToken ct);

    protected static T Read<T>(string target) => RecordSnapshots.Read<T>(target);

    protected static List<SourceInput> Sources(RecordMeta meta) => meta.Sources.Select(s => new SourceInput(s.Url, s.Title, s.AsOf)).ToList();

    /// <summary>The refusal when the stored values no longer pass the checks, naming each field as the API would.</summary>
    protected ProblemDetails Invalid(Validation validation, string label) => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = "The earlier values no longer pass the checks of an edit",
        Detail = $"Restoring {ChangeSummaries.Word(Type)} {label} would store values a normal edit is refused today " +
            "(see errors). Nothing was changed.",
        Extensions = { ["errors"] = validation.Errors },
    };

    protected async Task<ProblemDetails?> SaveAsync(CancellationToken ct) =>
        (await Db.TrySaveAsync(ct))?.ProblemDetails;
}
