using System.Text;

namespace HealthAccord.Bench.Generation;

/// <summary>
/// The small reference tables compiled into the benchmark assembly, so generation never depends on shared/data being
/// present or on the working directory.
/// </summary>
internal static class EmbeddedTables
{
    public static StreamReader Open(string fileName)
    {
        var name = "HealthAccord.Bench.Generation." + fileName;
        var stream = typeof(EmbeddedTables).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded table {name} is missing; check the EmbeddedResource items in the project file.");
        return new StreamReader(stream, Encoding.UTF8);
    }
}
