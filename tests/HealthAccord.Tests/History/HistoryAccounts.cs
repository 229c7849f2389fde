using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.History;

/// <summary>An account a history test writes with, the name its changes are recorded under, and its API client.</summary>
public sealed record HistoryAuthor(TestAccount Account, string Name, HttpClient Api);

public static class HistoryAccounts
{
    public const string Password = "correct horse battery staple";

    /// <summary>
    /// A new account of this role (an administrator unless told) with an API token. Without a display name its
    /// changes carry the part of its email address before the @.
    /// </summary>
    public static HistoryAuthor CreateAuthor(this HealthAccordFactory factory, string role = AccountRoles.Administrator, string? displayName = null,
        IEnumerable<int>? partnerships = null)
    {
        var account = factory.CreateAccount(role, partnerships, password: Password);
        if (displayName is not null)
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
            db.Users.Single(u => u.Id == account.Id).DisplayName = displayName;
            db.SaveChanges();
        }
        var api = factory.CreateClientWithToken(factory.CreateToken(account.Id));
        return new HistoryAuthor(account, displayName ?? account.Email[..account.Email.IndexOf('@', StringComparison.Ordinal)], api);
    }
}
