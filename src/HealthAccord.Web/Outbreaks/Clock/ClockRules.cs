namespace HealthAccord.Web.Outbreaks.Clock;

/// <summary>
/// The clock's two settings (section <c>Outbreaks:Clock</c>): the response window, 48 hours by GloPID-R's goal, and
/// the share of it that, once no more is left, turns an unreached milestone from on track to at risk.
/// </summary>
public sealed record ClockRules(TimeSpan Window, decimal AtRiskShare)
{
    public static readonly ClockRules Default = new(TimeSpan.FromHours(48), 0.25m);

    /// <summary>With the defaults, an unreached milestone is at risk in the last 12 of the 48 hours.</summary>
    public TimeSpan AtRiskWhenLeft => Window * (double)AtRiskShare;

    public static ClockRules From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Outbreaks:Clock");
        var hours = section.GetValue<double?>("WindowHours") ?? Default.Window.TotalHours;
        var share = section.GetValue<decimal?>("AtRiskShare") ?? Default.AtRiskShare;
        if (hours <= 0) throw new InvalidOperationException("Outbreaks:Clock:WindowHours must be more than zero.");
        if (share is <= 0 or >= 1) throw new InvalidOperationException("Outbreaks:Clock:AtRiskShare must be between 0 and 1 (exclusive).");
        return new ClockRules(TimeSpan.FromHours(hours), share);
    }
}
