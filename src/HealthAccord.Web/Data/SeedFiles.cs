using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace HealthAccord.Web.Data;

/// <summary>Locates and reads the reference and seed files shipped in Data/Seed (see its README for sources).</summary>
internal static class SeedFiles
{
    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "Data", "Seed", fileName);

    public static bool Exists(string fileName) => File.Exists(PathOf(fileName));

    public static List<Dictionary<string, string>> ReadCsv(string fileName)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().TrimStart('\uFEFF'),
            MissingFieldFound = null,
            BadDataFound = null,
        };
        using var reader = new StreamReader(PathOf(fileName));
        using var csv = new CsvReader(reader, config);
        csv.Read();
        csv.ReadHeader();
        var headers = csv.HeaderRecord!.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Length; i++)
            {
                if (headers[i].Length == 0) continue;
                row[headers[i]] = (csv.GetField(i) ?? "").Trim();
            }
            rows.Add(row);
        }
        return rows;
    }

    public static string? NullIfEmpty(this string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
