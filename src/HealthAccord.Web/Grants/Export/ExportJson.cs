using System.Text.Json;

namespace HealthAccord.Web.Grants.Export;

/// <summary>JSON writer settings for files: letters of every script written as themselves, not as \u escapes.</summary>
internal static class ExportJson
{
    /// <summary>
    /// Escapes what HTML gives meaning to (&lt;, &gt;, &amp;, quotes) like the default encoder, but leaves "Esmée" and
    /// "Université" readable, since these files are opened by people and tools rather than placed in pages.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}
