using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthAccord.Web.Shared;

/// <summary>
/// What a registry write did, shared by its API endpoint and its edit page so that both run the same checks in the
/// same order: the record written, or the validation errors, or the refusal (403, 404, 409) as a problem.
/// </summary>
public sealed record WriteOutcome<T>(T? Record, Validation? Invalid, ProblemHttpResult? Refused) where T : class
{
    public bool Succeeded => Record is not null && Invalid is null && Refused is null;

    /// <summary>
    /// The record changed after the writer read it: the version they based their change on is no longer the stored
    /// one, or another save won the race. The page shows both versions; the API answers 409.
    /// </summary>
    public bool Stale => Refused is { } refused && Preconditions.IsConcurrentChange(refused);

    public static implicit operator WriteOutcome<T>(T record) => new(record, null, null);

    public static implicit operator WriteOutcome<T>(Validation invalid) => new(null, invalid, null);

    public static implicit operator WriteOutcome<T>(ProblemHttpResult refused) => new(null, null, refused);
}
