using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace HealthAccord.Web.Shared;

/// <summary>One page of a list, with the total number of matches and links to neighbouring pages.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize, PageLinks Links);

public sealed record PageLinks(string Self, string? Next, string? Prev, string Csv, string Json);

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static void Validate(Validation validation, int? page, int? pageSize, string? format)
    {
        if (page is < 1) validation.Add("page", "Pages are numbered from 1.");
        if (pageSize is < 1 or > MaxPageSize) validation.Add("pageSize", $"Choose a page size from 1 to {MaxPageSize}.");
        if (format is not null && !Downloads.IsKnownFormat(format))
            validation.Add("format", "Choose json or csv (or leave it out for a page of results).");
    }

    public static Page<T> Create<T>(HttpRequest request, IReadOnlyList<T> items, int total, int? page, int? pageSize)
    {
        var number = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        var lastPage = Math.Max(1, (int)Math.Ceiling(total / (double)size));
        return new Page<T>(items, total, number, size, new PageLinks(
            Self: LinkTo(request, ("page", number.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            Next: number < lastPage ? LinkTo(request, ("page", (number + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))) : null,
            Prev: number > 1 ? LinkTo(request, ("page", Math.Min(number - 1, lastPage).ToString(System.Globalization.CultureInfo.InvariantCulture))) : null,
            Csv: LinkTo(request, ("format", "csv"), ("page", null), ("pageSize", null)),
            Json: LinkTo(request, ("format", "json"), ("page", null), ("pageSize", null))));
    }

    /// <summary>The current request's path and query with some parameters replaced (null removes one).</summary>
    public static string LinkTo(HttpRequest request, params (string Key, string? Value)[] changes)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        var parameters = query.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in changes)
        {
            if (value is null) parameters.Remove(key);
            else parameters[key] = value;
        }
        var builder = new QueryBuilder(parameters.Where(p => p.Value.Length > 0));
        return request.PathBase + request.Path + builder.ToQueryString();
    }

    public static IQueryable<T> PageOf<T>(this IQueryable<T> source, int? page, int? pageSize)
    {
        var size = pageSize ?? DefaultPageSize;
        return source.Skip(((page ?? 1) - 1) * size).Take(size);
    }
}

public static class ListResponses
{
    /// <summary>
    /// The common tail of every list endpoint: reject invalid paging or format, then answer either one page of
    /// results with links, or — with format=csv|json — every match as a download.
    /// </summary>
    public static async Task<Results<EtaggedJson<Page<T>>, DownloadResult, ValidationProblem>> RespondAsync<T, TRow>(
        HttpContext http, Validation validation, int? page, int? pageSize, string? format, string downloadName,
        Func<int?, int?, Task<(List<T> Items, int Total)>> list, Func<T, TRow> toRow)
    {
        Paging.Validate(validation, page, pageSize, format);
        if (!validation.IsValid) return Problems.Invalid(validation);
        if (format is not null)
        {
            var (all, _) = await list(1, int.MaxValue);
            return Downloads.Create(http, format, downloadName, all, toRow);
        }
        var (items, total) = await list(page, pageSize);
        return ETags.Json(Paging.Create(http.Request, items, total, page, pageSize));
    }
}
