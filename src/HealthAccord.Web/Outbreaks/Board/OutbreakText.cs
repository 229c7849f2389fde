using System.Globalization;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.Outbreaks.Clock;

namespace HealthAccord.Web.Outbreaks.Board;

/// <summary>How outbreak times, states and answers read on the pages, in the feed and in recorded steps.</summary>
public static class OutbreakText
{
    public static string Time(DateTime utc) => utc.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Hours(double hours) => hours.ToString("0.#", CultureInfo.InvariantCulture) + (Math.Abs(hours - 1) < 0.05 ? " hour" : " hours");

    /// <summary>"31 h 05 min", for the running clock.</summary>
    public static string Duration(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes:00} min");

    public static string Label(MilestoneKind kind) => kind switch
    {
        MilestoneKind.AllFundersNotified => "All funders notified",
        MilestoneKind.QuorumAcknowledged => "Quorum acknowledged",
        MilestoneKind.ConveningHeld => "Convening held",
        MilestoneKind.FirstCommitment => "First funding commitment",
        _ => kind.ToString(),
    };

    public static string Label(MilestoneState state) => state switch
    {
        MilestoneState.ReachedOnTime => "Reached on time",
        MilestoneState.ReachedLate => "Reached late",
        MilestoneState.OnTrack => "On track",
        MilestoneState.AtRisk => "At risk",
        MilestoneState.Missed => "Missed",
        _ => state.ToString(),
    };

    public static string Label(ClockStatus status) => status switch
    {
        ClockStatus.OnTrack => "On track",
        ClockStatus.AtRisk => "At risk",
        ClockStatus.Missed => "Missed",
        _ => status.ToString(),
    };

    public static string Label(WhoGrading grading) => grading switch
    {
        WhoGrading.Ungraded => "Ungraded",
        WhoGrading.Grade1 => "WHO grade 1",
        WhoGrading.Grade2 => "WHO grade 2",
        WhoGrading.Grade3 => "WHO grade 3",
        _ => grading.ToString(),
    };

    public static string Label(CommitmentKind kind) => kind switch
    {
        CommitmentKind.NewCall => "A new funding call",
        CommitmentKind.RepurposedFunds => "Re-purposed funds",
        CommitmentKind.InKind => "In-kind support",
        CommitmentKind.None => "No commitment",
        _ => kind.ToString(),
    };

    public static string Label(ResponseChannel channel) => channel switch
    {
        ResponseChannel.Notifier => "notification",
        ResponseChannel.SignedLink => "signed link",
        ResponseChannel.Account => "account",
        ResponseChannel.Api => "API",
        ResponseChannel.Phone => "phone call written down by staff",
        ResponseChannel.Email => "email written down by staff",
        _ => channel.ToString(),
    };

    public static string Money(decimal amount, string currency) => amount.ToString("#,0.##", CultureInfo.InvariantCulture) + " " + currency;

    /// <summary>The outbreak's public page as an absolute address: the configured public URL, else the request's own host.</summary>
    public static string PageUrl(HttpContext http, int id) => string.Create(CultureInfo.InvariantCulture, $"{SiteRoot(http)}/outbreaks/{id}");

    /// <summary>The site's address without a trailing slash, as links sent out of the site (mail, feeds) use it.</summary>
    public static string SiteRoot(HttpContext http)
    {
        var configured = http.RequestServices.GetRequiredService<IConfiguration>()[Account.PasswordLinks.PublicUrlSetting];
        return !string.IsNullOrWhiteSpace(configured) ? configured.TrimEnd('/') : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
    }
}
