using HealthAccord.Data.History;

namespace HealthAccord.Web.History;

/// <summary>
/// The endpoint filter every API write runs through (added by <c>MapEditorWrites</c>): the handler runs inside a
/// recorded change, which is committed with its history when the handler answers with success, and rolled back
/// otherwise. A write that was refused (validation, 404, 409, 412, 428) therefore leaves no trace, and one that was
/// accepted cannot land without its history.
/// </summary>
public static class RecordedWrites
{
    public static async ValueTask<object?> RecordChanges(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var recorder = http.RequestServices.GetRequiredService<ChangeRecorder>();
        var author = await http.RequestServices.GetRequiredService<ChangeActor>().OfAsync(http.User, http.RequestAborted);
        await using var recording = await recorder.BeginAsync(author, ChangeSource.Api, http.RequestAborted);
        var result = await next(context);
        if (Succeeded(result)) await recording.CompleteAsync(http.RequestAborted);
        return result;
    }

    /// <summary>Every write handler answers with typed results; only a 2xx one commits.</summary>
    private static bool Succeeded(object? result)
    {
        while (result is INestedHttpResult nested) result = nested.Result;
        return result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 };
    }
}
