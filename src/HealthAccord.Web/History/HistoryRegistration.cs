namespace HealthAccord.Web.History;

public static class HistoryRegistration
{
    /// <summary>The recorder for every host (site and command line); the interceptor is added to the DbContext by the database registration.</summary>
    public static IServiceCollection AddChangeHistory(this IServiceCollection services)
    {
        services.AddSingleton<HistoryInterceptor>();
        services.AddScoped<ChangeRecorder>();
        services.AddScoped<ChangeReverter>();
        services.AddScoped<ChangeActor>();
        services.AddScoped<RevertRights>();
        return services;
    }
}
