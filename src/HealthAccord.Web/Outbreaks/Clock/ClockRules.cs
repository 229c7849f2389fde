namespace HealthAccord.Web.Outbreaks.Clock;

/// <summary>
/// The clock's settings (section <c>Outbreaks:Clock</c>): the response window, 48 hours by GloPID-R's goal, and
/// the share of it that, once no more is left, turns an unreached milestone from on track to at risk.
/// </summary>
/// <param name="Window">The time a response has to reach its milestones (<c>WindowHours</c>).</param>
/// <param name="AtRiskShare">The share of the window left below which an unreached milestone is at risk.</param>
/// <param name="BoardTick">How often the live board re-reads an outbreak without being told of a change (<c>BoardTickSeconds</c>).</param>
public sealed record ClockRules(TimeSpan Window, decimal AtRiskShare, TimeSpan BoardTick)
{
    public static readonly ClockRules Default = new(TimeSpan.FromHours(48), 0.25m, TimeSpan.FromSeconds(30));

    /// <summary>With the defaults, an unreached milestone is at risk in the last 12 of the 48 hours.</summary>
    public TimeSpan AtRiskWhenLeft => Window * (double)AtRiskShare;

    public static ClockRules From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Outbreaks:Clock");
        var hours = section.GetValue<double?>("WindowHours") ?? Default.Window.TotalHours;
        var share = section.GetValue<decimal?>("AtRiskShare") ?? Default.AtRiskShare;
        if (hours <= 0) throw new InvalidOperationException("Outbreaks:Clock:WindowHours must be more than zero.");
        if (share is <= 0 or >= 1) throw new InvalidOperationException("Outbreaks:Clock:AtRiskShare must be between 0 and 1 (exclusive).");
        var tick = section.GetValue<double?>("BoardTickSeconds") ?? Default.BoardTick.TotalSeconds;
        if (tick <= 0) throw new InvalidOperationException("Outbreaks:Clock:BoardTickSeconds must be more than zero.");
        return new ClockRules(TimeSpan.FromHours(hours), share, TimeSpan.FromSeconds(tick));
    }
}
