using HealthAccord.Data;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.History;
using HealthAccord.Web.Outbreaks.Notifications;
using HealthAccord.Web.Shared;
using Microsoft.Extensions.Options;

namespace HealthAccord.Web.Outbreaks.Declaration;

/// <summary>
/// Declaring an outbreak, once for the API's POST and the page <c>/outbreaks/new</c>. It runs inside the caller's
/// recorded change (the API's write filter or the page's <see cref="PageWrites"/>), so the outbreak, a response record
/// for each member funder and their alerts in the outbox are committed with the history entry in one transaction.
/// The sender is woken once that commit is done.
/// </summary>
public static class OutbreakWrites
{
    public static async Task<WriteOutcome<Outbreak>> DeclareAsync(HttpContext http, HealthAccordDbContext db, DeclarationInput input, CancellationToken ct)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<OutbreakOptions>>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        var rights = await services.GetRequiredService<AccountAccess>().RightsOfAsync(http.User, ct);
        // Someone who edits no partnership may not declare at all, whatever the fields say.
        if (!rights.IsAdministrator && !rights.IsEditor && await http.AuthorizeWriteAsync(new OutbreakDeclaration(new HashSet<int>())) is { } notEditor)
            return notEditor;
        var (validation, parsed) = await input.ValidateAsync(db, clock, options.DefaultQuorumShare, ct);
        if (!validation.IsValid) return validation;
        if (await http.AuthorizeWriteAsync(new OutbreakDeclaration(parsed.Partnerships.Select(p => p.Id).ToHashSet())) is { } denied) return denied;

        var author = await services.GetRequiredService<ChangeActor>().OfAsync(http.User, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var outbreak = new Outbreak { Title = "", PathogenCode = "", DeclaredAt = now, DeclaredById = author.Id, DeclaredByName = author.Name };
        input.ApplyTo(outbreak, parsed, options.DefaultQuorumShare);
        foreach (var funder in await MemberFunders.OfAsync(db, outbreak.Partnerships.Select(p => p.Id).ToList(), ct))
            outbreak.Responses.Add(new OutbreakResponse { Organisation = funder, CreatedAt = now });
        db.Outbreaks.Add(outbreak);
        // Saved first for the ids the alerts' keys and response links are made from; the transaction is still open.
        if (await db.TrySaveAsync(ct) is { } conflict) return conflict;

        await services.GetRequiredService<OutbreakAlerts>().QueueAsync(outbreak, BaseUrl(http, options), ct);
        if (await db.TrySaveAsync(ct) is { } alertConflict) return alertConflict;
        services.GetRequiredService<OutboxSignal>().WakeAfterCommit(http);
        return outbreak;
    }

    private static string BaseUrl(HttpContext http, OutbreakOptions options) =>
        !string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? options.PublicBaseUrl.TrimEnd('/')
            : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
}
