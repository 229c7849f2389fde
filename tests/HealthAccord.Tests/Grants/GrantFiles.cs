using System.Text;
using System.Text.Json.Nodes;
using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants.Import;

namespace HealthAccord.Tests.Grants;

/// <summary>Grant files for the reader tests: the shared real ones, and small packages built in the test itself.</summary>
public static class GrantFiles
{
    public static string Tracker => Shared("360giving-covid19-tracker", "grants_data.json");

    public static string Wolfson => Shared("360giving-grantnav-samples", "wolfson.json");

    /// <summary>A file from shared/data, or a skipped test when this machine does not have it.</summary>
    public static string Shared(params string[] parts)
    {
        var file = Path.Combine([TestPaths.SharedData, .. parts]);
        if (!File.Exists(file)) Assert.Skip($"The shared data is not on this machine ({file}).");
        return file;
    }

    public static async Task<List<ReadResult>> ReadAllAsync(IAsyncEnumerable<ReadResult> results)
    {
        var list = new List<ReadResult>();
        await foreach (var result in results.WithCancellation(TestContext.Current.CancellationToken)) list.Add(result);
        return list;
    }

    public static Task<List<ReadResult>> ReadJsonAsync(Stream stream, GrantReadOptions? options = null) =>
        ReadAllAsync(ThreeSixtyGivingJsonReader.ReadAsync(stream, options, TestContext.Current.CancellationToken));

    public static Task<List<ReadResult>> ReadJsonAsync(string json, GrantReadOptions? options = null) =>
        ReadJsonAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), options);

    /// <summary>A grant that passes every check; tests change the one field they are about.</summary>
    public static JsonObject ValidGrant(string id) => new()
    {
        ["id"] = id,
        ["title"] = "Community health workers for malaria follow-up",
        ["description"] = "Training and equipment.",
        ["currency"] = "GBP",
        ["amountAwarded"] = 25000,
        ["awardDate"] = "2021-06-30",
        ["plannedDates"] = new JsonArray(new JsonObject { ["startDate"] = "2021-09-01", ["endDate"] = "2023-08-31" }),
        ["fundingOrganization"] = new JsonArray(new JsonObject { ["id"] = "GB-CHC-000001", ["name"] = "Example Foundation" }),
        ["recipientOrganization"] = new JsonArray(new JsonObject
        {
            ["id"] = "XI-ROR-03yrm5c26",
            ["name"] = "Example University",
            ["addressCountry"] = "Kenya",
        }),
        ["beneficiaryLocation"] = new JsonArray(new JsonObject { ["name"] = "Kenya", ["countryCode"] = "KE" }),
        ["grantProgramme"] = new JsonArray(new JsonObject { ["code"] = "GH", ["title"] = "Global Health" }),
        ["classifications"] = new JsonArray(new JsonObject { ["vocabulary"] = "HRCS Health Categories", ["code"] = "Infection", ["title"] = "Infection" }),
    };

    public static string Package(params JsonObject[] grants) =>
        new JsonObject { ["grants"] = new JsonArray([.. grants]) }.ToJsonString();
}

/// <summary>A stream that hands out at most a few bytes per read, as a slow network would, to test refilling at every boundary.</summary>
public sealed class TrickleStream(Stream inner, int bytesPerRead) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, bytesPerRead));
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer[..Math.Min(buffer.Length, bytesPerRead)], cancellationToken);
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
