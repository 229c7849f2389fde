namespace HealthAccord.Web.Authorization;

/// <summary>
/// What one account may change right now, read from the database for each write rather than from the sign-in
/// cookie or token, so that a role taken away or an account locked takes effect at once.
/// </summary>
public sealed record WriterRights(bool IsAdministrator, bool IsEditor, IReadOnlySet<int> EditedPartnerships, int? RepresentedOrganisation)
{
    public static readonly WriterRights None = new(false, false, new HashSet<int>(), null);

    public bool CanWriteAnything => IsAdministrator || IsEditor || RepresentedOrganisation is not null;

    public bool Edits(int partnershipId) => IsAdministrator || EditedPartnerships.Contains(partnershipId);

    public bool Represents(int organisationId) => IsAdministrator || RepresentedOrganisation == organisationId;
}
