using Lucene.Net.Analysis;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;

namespace HealthAccord.Web.Grants;

/// <summary>
/// The classic query syntax over the catch-all field (<see cref="GrantDocuments.Text"/>), with one difference: a word
/// or phrase fielded to <c>description:</c> or <c>orgs:</c> is looked for in the catch-all field, which holds both. An
/// index before the catch-all had those fields of their own, and a search saved or shared from then (the whole query
/// is in its URL) would otherwise match nothing at all. It matches a little more now: the title's and the other
/// values' words as well.
/// </summary>
internal sealed class CatchAllQueryParser(Analyzer analyzer) : QueryParser(GrantDocuments.Version, GrantDocuments.Text, analyzer)
{
    private static string InCatchAll(string field) =>
        field is GrantDocuments.Description or GrantDocuments.Organisations ? GrantDocuments.Text : field;

    protected override Query GetFieldQuery(string field, string queryText, bool quoted) => base.GetFieldQuery(InCatchAll(field), queryText, quoted);

    protected override Query GetFieldQuery(string field, string queryText, int slop) => base.GetFieldQuery(InCatchAll(field), queryText, slop);

    protected override Query GetPrefixQuery(string field, string termStr) => base.GetPrefixQuery(InCatchAll(field), termStr);

    protected override Query GetWildcardQuery(string field, string termStr) => base.GetWildcardQuery(InCatchAll(field), termStr);

    protected override Query GetFuzzyQuery(string field, string termStr, float minSimilarity) => base.GetFuzzyQuery(InCatchAll(field), termStr, minSimilarity);

    protected override Query GetRegexpQuery(string field, string termStr) => base.GetRegexpQuery(InCatchAll(field), termStr);

    protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive) =>
        base.GetRangeQuery(InCatchAll(field), part1, part2, startInclusive, endInclusive);
}
