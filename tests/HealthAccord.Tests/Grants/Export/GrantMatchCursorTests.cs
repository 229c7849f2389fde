using HealthAccord.Tests.Infrastructure;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Grants.Export;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace HealthAccord.Tests.Grants.Export;

/// <summary>
/// The chunked walk over an export's matches: with chunks far smaller than the result, the chunks joined must be
/// exactly the search's own order, in every sort, with nothing repeated or skipped at the chunk boundaries.
/// </summary>
public sealed class GrantMatchCursorTests(GrantSearchFactory factory) : IClassFixture<GrantSearchFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("", 3)]
    [InlineData("sort=date-asc", 4)]
    [InlineData("sort=amount", 7)]
    [InlineData("sort=amount-asc", 1)]
    [InlineData("q=malaria+OR+vaccine+OR+influenza+OR+care", 2)]
    [InlineData("q=malaria+OR+vaccine+OR+influenza+OR+care&sort=amount", 2)]
    [InlineData("currency=GBP&live=true", 3)]
    public async Task Small_chunks_joined_give_every_match_once_in_the_search_order(string query, int chunkSize)
    {
        var expected = await _client.SearchIdsAsync(query);
        var validation = new Validation();
        var request = GrantSearchRequest.From(new QueryCollection(QueryHelpers.ParseQuery(query)), validation);
        var search = request.ToQuery(validation);
        Assert.True(validation.IsValid);
        var index = factory.Services.GetRequiredService<GrantIndex>();

        var walked = new List<long>();
        var chunks = 0;
        using (var lease = index.AcquireSearcher())
        {
            var cursor = GrantMatchCursor.For(lease.Searcher, search, DateOnly.FromDateTime(HealthAccordFactory.Now.UtcDateTime), index.Analyzer, chunkSize);
            for (var ids = cursor.Next(); ids.Count > 0; ids = cursor.Next())
            {
                Assert.InRange(ids.Count, 1, chunkSize);
                walked.AddRange(ids);
                chunks++;
            }
            Assert.Empty(cursor.Next());
        }

        Assert.True(expected.Count > chunkSize, "The search should match more grants than one chunk holds.");
        Assert.Equal(expected, walked);
        Assert.Equal((expected.Count + chunkSize - 1) / chunkSize, chunks);
    }
}
