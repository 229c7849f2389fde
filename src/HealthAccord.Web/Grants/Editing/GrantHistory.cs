namespace HealthAccord.Web.Grants.Editing;

/// <summary>How a grant is named in the change history, whose record ids are 32-bit like the registry's.</summary>
public static class GrantHistory
{
    /// <summary>
    /// A grant's id as the history stores it. Ids are handed out one per grant ever imported, so a database would
    /// need two billion grants before this throws; it throws rather than wrap so two grants never share a history.
    /// </summary>
    public static int RecordId(long grantId) => checked((int)grantId);
}
