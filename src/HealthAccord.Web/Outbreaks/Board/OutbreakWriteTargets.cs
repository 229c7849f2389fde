using HealthAccord.Web.Authorization;

namespace HealthAccord.Web.Outbreaks.Board;

/// <summary>Steering an outbreak's response (recording the convening, closing it): for the editors of any partnership it concerns.</summary>
public sealed record OutbreakSteering(IReadOnlySet<int> Partnerships) : WriteTarget
{
    public override string Refusal => "Only editors of a partnership this outbreak concerns, and administrators, record its convening or close it.";
}

/// <summary>One funder's answers to an outbreak alert: for that funder's representative.</summary>
public sealed record OutbreakAnswer(int OrganisationId) : WriteTarget
{
    public override string Refusal => "Only the funder's representative, and administrators, answer for it.";
}

/// <summary>
/// Writing down a funder's answer that reached the secretariat by phone or email: for the editors of any partnership the
/// outbreak concerns, who run the response, as for steering it.
/// </summary>
public sealed record OutbreakAnswerOnBehalf(IReadOnlySet<int> Partnerships) : WriteTarget
{
    public override string Refusal => "Only editors of a partnership this outbreak concerns, and administrators, record a funder's answer for it.";
}
