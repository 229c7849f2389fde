namespace HealthAccord.Web.Grants.Import;

public enum GrantFileFormat
{
    /// <summary>A 360Giving JSON package, <c>{"grants": [...]}</c>.</summary>
    ThreeSixtyGivingJson,

    /// <summary>The 360Giving flattened CSV with the standard's column titles.</summary>
    ThreeSixtyGivingCsv,

    /// <summary>A CORDIS export: a folder (or its project.csv) with project.csv and organization.csv.</summary>
    Cordis,

    /// <summary>Any CSV, described by a JSON mapping file (see MAPPING.md).</summary>
    MappedCsv,
}
