using System.Globalization;

namespace HealthAccord.Web.Shared;

/// <summary>Previous/next navigation for a list page; links keep the request's other query parameters.</summary>
public sealed record Pager(int PageNumber, int PageSize, int Total, string? PreviousUrl, string? NextUrl)
{
    public int PageCount => Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));
    public int FirstItem => Total == 0 ? 0 : Math.Min(Total, (PageNumber - 1) * PageSize + 1);
    public int LastItem => Math.Min(Total, PageNumber * PageSize);

    public static Pager For(HttpRequest request, int pageNumber, int pageSize, int total)
    {
        var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)pageSize));
        return new Pager(pageNumber, pageSize, total,
            pageNumber > 1 ? Link(request, Math.Min(pageNumber - 1, pageCount)) : null,
            pageNumber < pageCount ? Link(request, pageNumber + 1) : null);
    }

    /// <summary>The page number from the query string; anything that is not a whole number from 1 up means page 1.</summary>
    public static int ReadPageNumber(HttpRequest request) =>
        int.TryParse(request.Query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 ? page : 1;

    private static string Link(HttpRequest request, int page) =>
        Paging.LinkTo(request, ("page", page == 1 ? null : page.ToString(CultureInfo.InvariantCulture)));
}
