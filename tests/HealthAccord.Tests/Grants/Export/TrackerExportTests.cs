using HealthAccord.Data;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Grants.Export;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Grants.Export;

/// <summary>
/// Exports of the real COVID-19 tracker file (1,978 grants): the 360Giving package validates against the standard's
/// schema and imports back as the same grants, every format holds every grant, and the file leaves the server in
/// pieces while it is written rather than in one block at the end.
/// </summary>
public sealed class TrackerExportTests(TrackerExportFixture fixture) : IClassFixture<TrackerExportFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_360giving_export_validates_against_the_package_schema_with_no_errors()
    {
        _ = GrantFiles.Tracker;
        var file = Path.Combine(Directory.CreateTempSubdirectory("healthaccord-export-").FullName, "tracker-export.json");
        try
        {
            await File.WriteAllBytesAsync(file, fixture.ThreeSixtyGivingExport, Ct);

            var result = await ThreeSixtyGivingSchema.ValidateAsync(file);

            Assert.True(result.Valid, result.Output.Length > 4000 ? result.Output[..4000] : result.Output);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public async Task The_export_imports_into_an_empty_database_as_the_same_1978_grants()
    {
        _ = GrantFiles.Tracker;
        await using var copy = new HealthAccordFactory();

        var outcome = await GrantRoundTrip.ImportAsync(copy, new MemoryStream(fixture.ThreeSixtyGivingExport), "export.json");

        Assert.Equal(1978, outcome.GrantsImported);
        var differences = GrantRoundTrip.Differences(await GrantRoundTrip.SnapshotAsync(fixture.Source), await GrantRoundTrip.SnapshotAsync(copy),
            fixture.ThreeSixtyGivingExport);
        Assert.True(differences.Count == 0, $"{differences.Count} difference(s):{Environment.NewLine}{string.Join(Environment.NewLine, differences.Take(20))}");
    }

    [Fact]
    public async Task Csv_json_and_xlsx_hold_every_grant_once()
    {
        _ = GrantFiles.Tracker;
        var client = fixture.Source.CreateClient();
        var identifiers = await StoredIdentifiersAsync();

        var csv = await ExportDownload.ReadCsvAsync(await client.ExportAsync("csv"));
        var json = await ExportDownload.ReadJsonArrayAsync(await client.ExportAsync("json"));
        var sheet = Assert.Single(XlsxSheet.ReadAll(await (await client.ExportAsync("xlsx")).Content.ReadAsByteArrayAsync(Ct)));

        Assert.Equal(identifiers, csv.Select(r => r["Identifier"]).Order(StringComparer.Ordinal));
        Assert.Equal(identifiers, json.Select(g => (string)g!["identifier"]!).Order(StringComparer.Ordinal));
        Assert.Equal(identifiers, sheet.Rows.Skip(1).Select((_, i) => sheet.Cell(i + 1, "Identifier").Text!).Order(StringComparer.Ordinal));
        // One order for all formats: the search's (newest award first).
        Assert.Equal(csv.Select(r => r["Identifier"]), json.Select(g => (string)g!["identifier"]!));
    }

    [Fact]
    public async Task The_file_is_sent_in_pieces_as_chunks_of_grants_are_read()
    {
        _ = GrantFiles.Tracker;
        using var scope = fixture.Source.Services.CreateScope();
        var exporter = scope.ServiceProvider.GetRequiredService<GrantExporter>();
        var target = new RecordingStream();

        var exported = await exporter.ExportAsync(GrantSearchQuery.Everything(), GrantExportFormat.Csv, target, "http://localhost", Ct);

        Assert.Equal(1978, exported);
        // 1,978 grants in reads of 1,000: two chunks sent as they were written, then the end of the file.
        Assert.True(target.Writes.Count >= 2, $"Written in {target.Writes.Count} piece(s).");
        Assert.True(target.Writes.Max() < target.Total * 0.75, $"The largest piece held {target.Writes.Max()} of {target.Total} bytes.");
    }

    private async Task<List<string>> StoredIdentifiersAsync()
    {
        using var scope = fixture.Source.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        return (await db.Grants.Select(g => g.Identifier).ToListAsync(Ct)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A write-only stream that records the size of each write, standing in for the network.</summary>
    private sealed class RecordingStream : Stream
    {
        public List<int> Writes { get; } = [];
        public long Total => Writes.Sum(w => (long)w);
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Total;
        public override long Position { get => Total; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) =>
            throw new InvalidOperationException("The exporter must write asynchronously, as Kestrel requires.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(buffer.Length);
            return ValueTask.CompletedTask;
        }
    }
}
