using HealthAccord.Data;
using HealthAccord.Data.History;

namespace HealthAccord.Web.History;

/// <summary>The one-line summary of a change set, made from its records when the author gave none.</summary>
public static class ChangeSummaries
{
    public static string Word(RecordType type) => type switch
    {
        RecordType.Partnership => "partnership",
        RecordType.Organisation => "organisation",
        RecordType.Membership => "membership",
        RecordType.Agreement => "agreement",
        RecordType.Goal => "goal",
        RecordType.Grant => "grant",
        RecordType.Outbreak => "outbreak",
        RecordType.OutbreakResponse => "funder's answers",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>The type's name at the start of a sentence or title: "Partnership".</summary>
    public static string Noun(RecordType type) => char.ToUpperInvariant(Word(type)[0]) + Word(type)[1..];

    public static string Verb(ChangeKind kind) => kind switch
    {
        ChangeKind.Created => "Created",
        ChangeKind.Updated => "Updated",
        ChangeKind.Deleted => "Deleted",
        _ => kind.ToString(),
    };

    /// <summary>
    /// "Updated partnership GloPID-R: name, summary"; "Deleted partnership X and 14 related records". A record that
    /// was created or deleted leads, as it is what the author meant; updates alongside it are its consequences.
    /// </summary>
    public static string Describe(IReadOnlyList<RecordChange> records)
    {
        if (records.Count == 0) return "No registry record changed";
        var main = records.FirstOrDefault(r => r.Kind != ChangeKind.Updated) ?? records[0];
        var text = $"{Verb(main.Kind)} {Word(main.RecordType)} {main.Label}";
        if (main.Kind == ChangeKind.Updated)
        {
            var fields = FieldChange.Deserialize(main.Fields).Select(f => FieldText.NameInSentence(f.Field)).ToList();
            text += ": " + string.Join(", ", fields.Take(4)) + (fields.Count > 4 ? $" and {fields.Count - 4} more" : "");
        }
        var others = records.Count - 1;
        return others switch
        {
            0 => text,
            1 => text + " and 1 related record",
            _ => $"{text} and {others} related records",
        };
    }

    /// <summary>Cuts text to a column's length.</summary>
    public static string Fit(string text, int maxLength = Limits.Note) => text.Length <= maxLength ? text : text[..(maxLength - 1)] + "…";
}
