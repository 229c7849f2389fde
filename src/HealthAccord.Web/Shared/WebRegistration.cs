using HealthAccord.Web.Outbreaks;
using System.Text.Json;
using System.Text.Json.Serialization;
using HealthAccord.Web.Account;
using HealthAccord.Web.Agreements;
using HealthAccord.Web.Countries;
using HealthAccord.Web.Goals;
using HealthAccord.Web.Grants;
using HealthAccord.Web.Grants.Upload;
using HealthAccord.Web.History;
using HealthAccord.Web.Memberships;
using HealthAccord.Web.Organisations;
using HealthAccord.Web.Partnerships;
using HealthAccord.Web.Pathogens;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace HealthAccord.Web.Shared;

public static class WebRegistration
{
    public static IServiceCollection AddHealthAccordWeb(this IServiceCollection services, IConfiguration configuration)
    {
        // Pages live in feature folders beside their endpoints, so the Razor Pages root is the project root.
        services.AddRazorPages(options => options.RootDirectory = "/");
        services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        services.Configure<JsonOptions>(options => ConfigureJson(options.SerializerOptions));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddExceptionHandler<BadRequestHandler>();
        services.AddHealthAccordAccounts(configuration);
        services.AddHealthAccordRateLimits(configuration);
        services.AddHistoryPolicies();
        services.AddRegistryCache(configuration);
        services.AddGrantSearch();
        services.AddGrantEditing();
        services.AddScoped<Organisations.Review.OrganisationMerger>();
        services.AddGrantUploads(configuration);
        services.AddOutbreaks(configuration);
        services.AddScoped<PathogenBriefingQuery>();
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "HealthAccord API";
            document.Info.Version = "v1";
            document.Info.Description = "Open registry of international health research partnerships: partnerships, member organisations, " +
                "the EU's role, cooperation agreements and goal indicators. Reads are public; writes need an API token of an account " +
                "allowed to make the change. Every client is rate-limited per address and per token (429 with Retry-After).";
            document.Info.Contact = new() { Name = "HealthAccord editors" };
            document.Info.License = new() { Name = "CC BY 4.0 (data); see sources on each record", Url = new Uri("https://creativecommons.org/licenses/by/4.0/") };
            document.Servers = [new() { Url = "/", Description = "This server" }];
            return Task.CompletedTask;
        }).AddApiTokenSecurity());
        return services;
    }

    private static bool IsMachineRoute(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api/v1") || context.Request.Path.StartsWithSegments("/api/openapi")
        || context.Request.Path.StartsWithSegments("/openapi");

    /// <summary>
    /// Per request, because each answer carries its own nonce: on Scalar's script tags, on the meta tag its bundle
    /// reads to sign the stylesheet it injects, and in this response's policy. The set-up script that runs first
    /// is a file from the site, which the policy allows without the nonce. No external fonts, telemetry or agent.
    /// </summary>
    private static void ConfigureApiReference(ScalarOptions options, HttpContext context)
    {
        var nonce = ContentSecurityPolicy.NewNonce();
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy.ApiReference(nonce);
        options.WithTitle("HealthAccord API reference").WithNonce(nonce).DisableDefaultFonts().DisableTelemetry()
            .DisableAgent().DisableMcp();
        options.HeadContent = $"""<meta property="csp-nonce" content="{nonce}"><script src="/js/api-reference-setup.js"></script>""";
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }

    public static WebApplication UseHealthAccordWeb(this WebApplication app)
    {
        // The API answers errors with problem documents; people browsing the site get readable error pages.
        // Both status-code handlers sit in the one pipeline (a UseWhen branch would lose the routes the re-executed
        // request needs); the inner HTML one switches itself off for machine routes.
        app.UseStatusCodePages();
        app.UseStatusCodePagesWithReExecute("/errors/{0}");
        app.Use((context, next) =>
        {
            if (IsMachineRoute(context) && context.Features.Get<IStatusCodePagesFeature>() is { } html) html.Enabled = false;
            return next(context);
        });
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A failed page request is left as an empty 500, which the re-execute above turns into /errors/500.
            ExceptionHandler = context => IsMachineRoute(context)
                ? context.RequestServices.GetRequiredService<IProblemDetailsService>()
                    .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = StatusCodes.Status500InternalServerError } }).AsTask()
                : Task.CompletedTask,
        });
        // Browsers that reached the site over HTTPS are told to use nothing else for a year. Not in Development, where
        // a developer's localhost would remember it; ASP.NET Core also never sends it to loopback hosts or over HTTP.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy.Site;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            await next();
        });
        // Rate limits before authentication, so a flood of made-up tokens is turned away before it reaches the database;
        // authentication before the output cache, which serves cached copies only to anonymous requests.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets().CacheOutput(RegistryCache.Policy);
        app.MapOpenApi("/openapi/{documentName}.json");
        // The interactive reference at /api/ loads the document by a path relative to itself, so it is served there too.
        app.MapOpenApi("/api/openapi/{documentName}.json");
        app.MapScalarApiReference("/api", ConfigureApiReference);

        var api = app.MapGroup("/api/v1");
        api.ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPartnershipEndpoints();
        api.MapOrganisationEndpoints();
        api.MapMembershipEndpoints();
        api.MapAgreementEndpoints();
        api.MapGoalEndpoints();
        api.MapCountryEndpoints();
        api.MapGrantEndpoints();
        api.MapPathogenEndpoints();
        api.MapHistoryEndpoints();
        api.MapOutbreakEndpoints();
        return app;
    }
}
