namespace HealthAccord.Web.Outbreaks.Notifications;

public static class NotificationRegistration
{
    /// <summary>The alerts of declared outbreaks: composing them into the outbox, and the sender that delivers it.</summary>
    public static IServiceCollection AddOutbreakNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OutbreakOptions>(configuration.GetSection(OutbreakOptions.Section));
        var timeout = configuration.GetSection(OutbreakOptions.Section).Get<OutbreakOptions>()?.Delivery.WebhookTimeoutSeconds ?? new DeliveryOptions().WebhookTimeoutSeconds;
        // A webhook that does not answer is a failed attempt, retried later, not a sender blocked until the lease ends.
        services.AddHttpClient(WebhookDelivery.ClientName, client => client.Timeout = TimeSpan.FromSeconds(timeout));
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<OutbreakAlerts>();
        services.AddScoped<EmailDelivery>();
        services.AddScoped<WebhookDelivery>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxSender>());
        return services;
    }
}
