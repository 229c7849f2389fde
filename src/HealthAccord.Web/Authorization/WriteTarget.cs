namespace HealthAccord.Web.Authorization;

/// <summary>
/// What a write would touch, described for <see cref="WriteRules"/>. Endpoints build one from the stored record
/// (and, for an update, again from what the request would change it to) before anything is saved.
/// </summary>
public abstract record WriteTarget
{
    /// <summary>Why the write was refused, in words for the 403 problem.</summary>
    public abstract string Refusal { get; }
}

/// <summary>
/// Adding or removing a partnership or an organisation: what the registry covers is the administrators' call, and
/// editors' and representatives' scopes are defined over the records that exist.
/// </summary>
public sealed record RegistryCoverage(string What) : WriteTarget
{
    public override string Refusal => $"Only administrators add or remove {What}.";
}

/// <summary>A partnership's own record, or one of its memberships, goals or measurements.</summary>
public sealed record PartnershipContent(int PartnershipId) : WriteTarget
{
    public override string Refusal => "Your account does not edit this partnership; only its editors and administrators change it and its members, goals and measurements.";
}

/// <summary>An organisation's own record.</summary>
public sealed record OrganisationRecord(int OrganisationId) : WriteTarget
{
    public override string Refusal => "Only this organisation's representative and administrators change its record.";
}

/// <summary>
/// A cooperation agreement, seen through the partnerships it is linked to before and after the write. Deleting is
/// described by an empty <paramref name="LinkedAfter"/> with <paramref name="Deleting"/> set.
/// </summary>
public sealed record AgreementChange(IReadOnlySet<int> LinkedBefore, IReadOnlySet<int> LinkedAfter, bool Deleting = false) : WriteTarget
{
    public override string Refusal => Deleting
        ? "Only administrators, or editors of every partnership it is linked to, delete an agreement."
        : "Editors change agreements linked to their partnerships, and add or remove links to their own partnerships only.";
}

/// <summary>The grant portfolio: imports and grant records.</summary>
public sealed record GrantPortfolio : WriteTarget
{
    public override string Refusal => "Only editors and administrators change grants.";
}

/// <summary>
/// Confirming or merging the organisations imports create. A merge deletes one organisation and moves what it held,
/// across partnerships and grants, so it is the administrators' call like adding or removing one.
/// </summary>
public sealed record OrganisationReview : WriteTarget
{
    public override string Refusal => "Only administrators confirm or merge the organisations that imports create.";
}

/// <summary>
/// One grant's record, seen through the organisations that fund it and the partnerships it is linked to as it is
/// stored. Funders are not changed by an edit; links are worked out again from the edited grant, so they are not
/// something the editor chooses and only the stored ones decide who may edit.
/// </summary>
public sealed record GrantRecordEdit(IReadOnlySet<int> Funders, IReadOnlySet<int> Partnerships) : WriteTarget
{
    public override string Refusal =>
        "Grants are edited by administrators, by representatives of an organisation that funds them, and by editors of a partnership they are linked to.";
}
