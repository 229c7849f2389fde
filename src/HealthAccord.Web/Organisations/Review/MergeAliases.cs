namespace HealthAccord.Web.Organisations.Review;

/// <summary>
/// The identifier a merged organisation leaves on its survivor: how the old address finds its way to the survivor.
/// It is kept among the survivor's identifiers, so it travels with the registry export and with a later merge.
/// </summary>
public static class MergeAliases
{
    public const string Prefix = "HEALTHACCORD-ORG-";

    public static string Of(int organisationId) => Prefix + organisationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
