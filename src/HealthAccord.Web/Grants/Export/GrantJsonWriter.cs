using System.Text.Json;

namespace HealthAccord.Web.Grants.Export;

/// <summary>
/// A JSON array of grant records exactly as <c>GET /api/v1/grants/{id}</c> returns them (<see cref="GrantDetail"/>),
/// written one record at a time rather than serialised as one list.
/// </summary>
public sealed class GrantJsonWriter(Stream output, GrantExportContext context) : IGrantExportWriter
{
    private readonly Utf8JsonWriter _json = new(output, ExportJson.WriterOptions);

    public bool UsesOrganisationIdentifiers => false;

    public ValueTask StartAsync(CancellationToken ct)
    {
        _json.WriteStartArray();
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteAsync(GrantExportChunk chunk, CancellationToken ct)
    {
        foreach (var grant in chunk.Grants)
            JsonSerializer.Serialize(_json, grant.ToDetail(context.Names, context.Today, GrantQueries.LinkReasons(context.Linker, grant)), context.Json);
        _json.Flush();
        return ValueTask.CompletedTask;
    }

    public ValueTask FinishAsync(CancellationToken ct)
    {
        _json.WriteEndArray();
        _json.Flush();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _json.DisposeAsync();
}
