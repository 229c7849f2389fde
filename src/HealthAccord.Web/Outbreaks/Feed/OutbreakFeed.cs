using System.Globalization;
using System.Text;
using System.Xml;
using HealthAccord.Data;
using HealthAccord.Web.Outbreaks.Board;
using HealthAccord.Web.Outbreaks.Clock;
using Microsoft.EntityFrameworkCore;

namespace HealthAccord.Web.Outbreaks.Feed;

/// <summary>
/// The Atom feed of outbreaks (RFC 4287): an entry when an outbreak is declared, one for each milestone as it is reached
/// or missed, and one when the response closes. Entry ids are the outbreak page's address with a fragment naming the
/// event, so they stay the same however often the feed is read; a milestone's entry appears once its state is final.
/// </summary>
public static class OutbreakFeed
{
    public const int MaxEntries = 200;

    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    private sealed record Entry(string Id, string Title, DateTime Updated, string Link, string Summary);

    public static async Task<byte[]> WriteAsync(HealthAccordDbContext db, string siteRoot, DateTime now, ClockRules rules, CancellationToken ct)
    {
        var outbreaks = await db.Outbreaks.AsNoTracking().Include(o => o.Responses).AsSplitQuery().ToListAsync(ct);
        var entries = new List<Entry>();
        foreach (var o in outbreaks)
        {
            var page = string.Create(CultureInfo.InvariantCulture, $"{siteRoot}/outbreaks/{o.Id}");
            var pathogen = OutbreakQueries.PathogenName(o.PathogenCode);
            entries.Add(new Entry(page + "#declared", $"Outbreak declared: {o.Title}", o.DeclaredAt, page,
                $"{pathogen}; triggered {OutbreakText.Time(o.TriggeredAt)}, declared here {OutbreakText.Time(o.DeclaredAt)}. The 48-hour response clock runs from the trigger."));
            var clock = OutbreakClock.Read(OutbreakQueries.ClockInputOf(o), now, rules);
            foreach (var m in clock.Milestones)
            {
                var label = OutbreakText.Label(m.Kind);
                if (m.ReachedAt is { } at)
                {
                    var how = m.State == MilestoneState.ReachedOnTime ? "on time" : "late";
                    entries.Add(new Entry($"{page}#milestone-{Token(m.Kind)}", $"{o.Title}: {label.ToLowerInvariant()} after {OutbreakText.Hours(m.Hours!.Value)} ({how})",
                        at, page, $"{label}, reached {OutbreakText.Time(at)}: {OutbreakText.Hours(m.Hours!.Value)} after the trigger, {how} against the 48-hour aim."));
                }
                else if (m.State == MilestoneState.Missed)
                {
                    var missedAt = clock.Stopped && clock.MeasuredAt < clock.Deadline ? clock.MeasuredAt : clock.Deadline;
                    entries.Add(new Entry($"{page}#milestone-{Token(m.Kind)}", $"{o.Title}: {label.ToLowerInvariant()} missed", missedAt, page,
                        $"{label} was not reached {(missedAt == clock.Deadline ? "within 48 hours of the trigger" : "before the response was closed")} ({m.Progress})."));
                }
            }
            if (o.ClosedAt is { } closed)
                entries.Add(new Entry(page + "#closed", $"Response closed: {o.Title}", closed, page,
                    $"Closed {OutbreakText.Time(closed)}, {OutbreakText.Hours((closed - o.TriggeredAt).TotalHours)} after the trigger; overall {OutbreakText.Label(clock.Status).ToLowerInvariant()}."));
        }
        var listed = entries.OrderByDescending(e => e.Updated).ThenBy(e => e.Id, StringComparer.Ordinal).Take(MaxEntries).ToList();

        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true };
        await using (var xml = XmlWriter.Create(buffer, settings))
        {
            await xml.WriteStartDocumentAsync();
            xml.WriteStartElement("feed", AtomNamespace);
            xml.WriteElementString("id", AtomNamespace, $"{siteRoot}/outbreaks/feed.atom");
            xml.WriteElementString("title", AtomNamespace, "HealthAccord: outbreaks and their 48-hour research response");
            xml.WriteElementString("updated", AtomNamespace, Stamp(listed.Count > 0 ? listed[0].Updated : now));
            Link(xml, "self", $"{siteRoot}/outbreaks/feed.atom", "application/atom+xml");
            Link(xml, "alternate", $"{siteRoot}/outbreaks", "text/html");
            xml.WriteStartElement("author", AtomNamespace);
            xml.WriteElementString("name", AtomNamespace, "HealthAccord");
            xml.WriteElementString("uri", AtomNamespace, siteRoot + "/");
            xml.WriteEndElement();
            foreach (var e in listed)
            {
                xml.WriteStartElement("entry", AtomNamespace);
                xml.WriteElementString("id", AtomNamespace, e.Id);
                xml.WriteElementString("title", AtomNamespace, e.Title);
                xml.WriteElementString("updated", AtomNamespace, Stamp(e.Updated));
                Link(xml, "alternate", e.Link, "text/html");
                xml.WriteStartElement("summary", AtomNamespace);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(e.Summary);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            await xml.WriteEndDocumentAsync();
        }
        return buffer.ToArray();
    }

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", AtomNamespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Token(MilestoneKind kind) => Shared.DisplayText.CssToken(kind);

    private static string Stamp(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
