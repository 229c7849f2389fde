using HealthAccord.Data;
using HealthAccord.Data.Outbreaks;
using HealthAccord.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Outbreaks.Notifications;

/// <summary>The outbox and responses of one outbreak as stored, read fresh each time.</summary>
public static class OutboxRows
{
    public static async Task<List<OutboxMessage>> OfAsync(HealthAccordFactory factory, int outbreakId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.OutbreakId == outbreakId).OrderBy(m => m.Id).ToListAsync();
    }

    public static async Task<List<OutbreakResponse>> ResponsesAsync(HealthAccordFactory factory, int outbreakId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        return await db.OutbreakResponses.AsNoTracking().Include(r => r.Steps).Where(r => r.OutbreakId == outbreakId).OrderBy(r => r.OrganisationId).ToListAsync();
    }

    public static string Describe(IEnumerable<OutboxMessage> messages) => string.Join("; ", messages.Select(m =>
        $"{m.Id} {m.Channel} attempts={m.Attempts} delivered={m.DeliveredAt:O} abandoned={m.AbandonedAt:O} locked={m.LockedBy} error={m.LastError}"));
}
