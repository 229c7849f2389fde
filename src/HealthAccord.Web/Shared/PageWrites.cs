using HealthAccord.Data.History;
using HealthAccord.Web.History;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace HealthAccord.Web.Shared;

/// <summary>
/// Writes from the site's edit forms: the same write code as the API, recorded as one change from the website by the
/// signed-in account, committed with its history only when it succeeds (and rolled back otherwise), after which the
/// cached registry pages are dropped, as an API write drops them.
/// </summary>
public static class PageWrites
{
    public static async Task<WriteOutcome<T>> RecordAsync<T>(this PageModel page, Func<Task<WriteOutcome<T>>> write, CancellationToken ct)
        where T : class
    {
        var services = page.HttpContext.RequestServices;
        var author = await services.GetRequiredService<ChangeActor>().OfAsync(page.User, ct);
        WriteOutcome<T> outcome;
        await using (var recording = await services.GetRequiredService<ChangeRecorder>().BeginAsync(author, ChangeSource.Web, ct))
        {
            outcome = await write();
            if (outcome.Succeeded) await recording.CompleteAsync(ct);
        }
        if (outcome.Succeeded) await services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(RegistryCache.Tag, ct);
        return outcome;
    }

    /// <summary>
    /// Puts each validation message next to its field: the API's field names ("sources[1].url") become the form's
    /// ("Form.Sources[1].Url") through <paramref name="fieldOf"/>, or by capitalising each part. A field the form
    /// could not read (a number in words) keeps only that message: the rules saw it as empty and would say so.
    /// </summary>
    public static void AddErrors(this ModelStateDictionary modelState, string prefix, Validation validation, Func<string, string?>? fieldOf = null)
    {
        foreach (var (field, messages) in validation.Errors)
        {
            var name = $"{prefix}.{fieldOf?.Invoke(field) ?? Capitalised(field)}";
            if (modelState.TryGetValue(name, out var unreadable) && unreadable.Errors.Count > 0) continue;
            foreach (var message in messages) modelState.AddModelError(name, message);
        }
    }

    private static string Capitalised(string field) =>
        string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
}
