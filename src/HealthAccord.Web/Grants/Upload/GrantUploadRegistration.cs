namespace HealthAccord.Web.Grants.Upload;

public static class GrantUploadRegistration
{
    /// <summary>The upload queue and the worker that empties it, with the <c>GrantUploads</c> settings.</summary>
    public static IServiceCollection AddGrantUploads(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GrantUploadSettings>(configuration.GetSection(GrantUploadSettings.Section));
        services.AddSingleton<GrantUploadQueue>();
        services.AddHostedService<GrantUploadWorker>();
        return services;
    }
}
