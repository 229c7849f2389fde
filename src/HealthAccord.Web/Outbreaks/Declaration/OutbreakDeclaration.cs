using HealthAccord.Web.Authorization;

namespace HealthAccord.Web.Outbreaks.Declaration;

/// <summary>
/// Declaring an outbreak for these partnerships: it alerts their member funders and starts a clock their goals are
/// measured by, so an editor may do it only for partnerships they edit (administrators for any).
/// </summary>
public sealed record OutbreakDeclaration(IReadOnlySet<int> Partnerships) : WriteTarget
{
    public override string Refusal => "Only administrators, and editors of every partnership concerned, declare an outbreak.";
}
