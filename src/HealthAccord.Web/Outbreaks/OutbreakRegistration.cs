using HealthAccord.Web.Outbreaks.Briefing;
using HealthAccord.Web.Outbreaks.Declaration;
using HealthAccord.Web.Outbreaks.Notifications;
using HealthAccord.Web.Outbreaks.Board;
using HealthAccord.Web.Outbreaks.Clock;
using HealthAccord.Web.Outbreaks.Responses;

namespace HealthAccord.Web.Outbreaks;

/// <summary>The rapid-response feature's services and API routes, registered from the app's one place.</summary>
public static class OutbreakRegistration
{
    public static IServiceCollection AddOutbreaks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ResponseLinks>();
        services.AddOutbreakNotifications(configuration);
        services.AddSingleton(ClockRules.From(configuration));
        services.AddSingleton<BoardChanges>();
        return services;
    }

    public static IEndpointRouteBuilder MapOutbreakEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapDeclarationEndpoints();
        api.MapOutbreakBoardEndpoints();
        api.MapOutbreakBriefingEndpoint();
        api.MapDeliveryEndpoints();
        return api;
    }
}
