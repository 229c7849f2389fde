using System.Globalization;
using HealthAccord.Data.Common;
using HealthAccord.Data.Registry;
using HealthAccord.Web.Goals;

namespace HealthAccord.Web.Shared;

/// <summary>The words the pages use for enum values, dates and goal targets, so every page says the same thing.</summary>
public static class DisplayText
{
    public static string Label(EuRole role) => role switch
    {
        EuRole.Member => "Member",
        EuRole.Contributor => "Contributor",
        EuRole.MemberAndContributor => "Member and contributor",
        EuRole.Observer => "Observer",
        _ => role.ToString(),
    };

    public static string Label(ProgressStatus status) => status switch
    {
        ProgressStatus.Met => "Met",
        ProgressStatus.OnTrack => "On track",
        ProgressStatus.Behind => "Behind",
        ProgressStatus.NotMet => "Not met",
        ProgressStatus.NoData => "No data",
        ProgressStatus.NoTarget => "No numeric target",
        _ => status.ToString(),
    };

    public static string Label(PartnershipKind kind) => kind switch
    {
        PartnershipKind.FundersNetwork => "Funders' network",
        PartnershipKind.ResearchConsortium => "Research consortium",
        PartnershipKind.Programme => "Programme",
        PartnershipKind.JointUndertaking => "Joint undertaking",
        _ => kind.ToString(),
    };

    public static string Label(PartnershipStatus status) => status switch
    {
        PartnershipStatus.Active => "Active",
        PartnershipStatus.Concluded => "Concluded",
        _ => status.ToString(),
    };

    public static string Label(MembershipRole role) => role switch
    {
        MembershipRole.FoundingMember => "Founding member",
        MembershipRole.Member => "Member",
        MembershipRole.Associate => "Associate",
        MembershipRole.Observer => "Observer",
        MembershipRole.Secretariat => "Secretariat",
        MembershipRole.Chair => "Chair",
        _ => role.ToString(),
    };

    public static string Label(OrganisationType type) => type switch
    {
        OrganisationType.Funder => "Funder",
        OrganisationType.GovernmentBody => "Government body",
        OrganisationType.ResearchOrganisation => "Research organisation",
        OrganisationType.InternationalOrganisation => "International organisation",
        OrganisationType.Foundation => "Foundation",
        OrganisationType.Company => "Company",
        OrganisationType.Other => "Other",
        _ => type.ToString(),
    };

    public static string Label(AgreementKind kind) => kind switch
    {
        AgreementKind.ScienceAndTechnologyCooperation => "Science and technology cooperation agreement",
        AgreementKind.MemorandumOfUnderstanding => "Memorandum of understanding",
        AgreementKind.ImplementingArrangement => "Implementing arrangement",
        AgreementKind.ContributionOrGrantAgreement => "Contribution or grant agreement",
        AgreementKind.TermsOfReference => "Terms of reference",
        AgreementKind.LegalAct => "Legal act",
        _ => kind.ToString(),
    };

    public static string Label(AgreementStatus status) => status switch
    {
        AgreementStatus.InForce => "In force",
        AgreementStatus.Expired => "Expired",
        AgreementStatus.UnderNegotiation => "Under negotiation",
        AgreementStatus.Superseded => "Superseded",
        _ => status.ToString(),
    };

    /// <summary>A CSS modifier for a status badge: "met", "on-track", "not-met" …</summary>
    public static string CssToken<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>"2014-12" → "December 2014"; text that is not an ISO partial date is shown as it is.</summary>
    public static string Date(string? isoPartialDate) =>
        PartialDate.TryParse(isoPartialDate, out var date) ? date.ToDisplayString() : isoPartialDate ?? "";

    public static string Date(PartialDate? date) => date?.ToDisplayString() ?? "";

    public static string Timestamp(DateTime utc) => utc.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>The target in words: "at most 48 hours", "at least 25,000 tumour genomes", or the source's own words.</summary>
    public static string Target(GoalDto goal)
    {
        if (goal.Target is { } target && goal.Direction != GoalDirection.Qualitative)
        {
            var bound = goal.Direction == GoalDirection.AtMost ? "at most" : "at least";
            return string.IsNullOrWhiteSpace(goal.Unit) ? $"{bound} {Number(target)}" : $"{bound} {Number(target)} {Unit(goal.Unit, target)}";
        }
        return goal.TargetNote ?? "No numeric target";
    }

    /// <summary>Whether the goal has a target worth stating: a number, or the source's words for a qualitative one.</summary>
    public static bool HasTarget(GoalDto goal) =>
        (goal.Target is not null && goal.Direction != GoalDirection.Qualitative) || !string.IsNullOrWhiteSpace(goal.TargetNote);

    /// <summary>Units are recorded in the plural ("years"); a target of exactly one reads "1 year".</summary>
    private static string Unit(string unit, decimal amount) =>
        amount == 1m && unit.EndsWith('s') && !unit.EndsWith("ss", StringComparison.Ordinal) ? unit[..^1] : unit;

    /// <summary>The deadline as the source states it, else the date, else nothing.</summary>
    public static string? Deadline(GoalDto goal) =>
        !string.IsNullOrWhiteSpace(goal.DeadlineNote) ? goal.DeadlineNote
        : goal.Deadline is { } deadline ? Date(deadline)
        : null;

    /// <summary>The progress bar's value: the percentage of target, capped at 100 so the bar never overflows.</summary>
    public static decimal? ProgressBarValue(ProgressDto progress) =>
        progress.PercentOfTarget is { } percent ? Math.Clamp(percent, 0m, 100m) : null;

    /// <summary>Text cut at a word boundary to fit a meta description.</summary>
    public static string Excerpt(string text, int maxLength = 160)
    {
        var clean = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (clean.Length <= maxLength) return clean;
        var cut = clean.LastIndexOf(' ', maxLength - 1);
        return clean[..(cut > 0 ? cut : maxLength - 1)].TrimEnd(',', ';', ':', '.') + "…";
    }

    /// <summary>A link's readable host ("edctp.org") for source links whose only title is the address.</summary>
    public static string Host(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? (uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host) : url;

    /// <summary>"https://www.glopid-r.org/learn-about-us/" → "glopid-r.org/learn-about-us", shortened to fit a line.</summary>
    public static string ShortUrl(string url, int maxLength = 70)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return url;
        var text = (Host(url) + uri.AbsolutePath).TrimEnd('/');
        return text.Length <= maxLength ? text : text[..(maxLength - 1)] + "…";
    }

    /// <summary>A source's link text: its title, or the short address where the title only repeats the host.</summary>
    public static string SourceLinkText(SourceDto source) =>
        string.Equals(source.Title, Host(source.Url), StringComparison.OrdinalIgnoreCase) ? ShortUrl(source.Url) : source.Title;

    private static readonly Dictionary<string, string> LanguageNames = CultureInfo.GetCultures(CultureTypes.NeutralCultures)
        .Where(c => c.TwoLetterISOLanguageName.Length == 2)
        .GroupBy(c => c.TwoLetterISOLanguageName, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First().EnglishName, StringComparer.OrdinalIgnoreCase);

    /// <summary>"en" → "English"; an unknown code is shown as it is.</summary>
    public static string Language(string code) => LanguageNames.GetValueOrDefault(code, code);
}
