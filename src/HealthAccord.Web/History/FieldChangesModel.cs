using HealthAccord.Web.Shared;

namespace HealthAccord.Web.History;

/// <summary>The changed fields of one record for <c>_FieldChanges.cshtml</c>; values longer than <paramref name="MaxLength"/> are cut.</summary>
public sealed record FieldChangesModel(IReadOnlyList<FieldChange> Fields, int? MaxLength = null)
{
    public string Cut(string value) => MaxLength is { } max && value.Length > max ? DisplayText.Excerpt(value, max) : value;
}
