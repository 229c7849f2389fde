using HealthAccord.Data;
using HealthAccord.Data.Accounts;
using HealthAccord.Web.ApiTokens;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Email;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace HealthAccord.Web.Account;

public static class AccountRegistration
{
    /// <summary>
    /// What the site and the CLI share: Identity's user store in the registry database, its password and lockout
    /// rules, the tokens behind password links, and data-protection keys kept in the database, so that every
    /// instance (and a link made by the CLI) can read what another one protected.
    /// </summary>
    public static IdentityBuilder AddHealthAccordIdentity(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName("HealthAccord")
            .PersistKeysToDbContext<HealthAccordDbContext>();
        services.AddScoped<PasswordLinks>();
        services.AddScoped<Users.FirstAdministrator>();
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromHours(3));
        return services.AddIdentityCore<HealthAccordUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length over composition rules (as NIST SP 800-63B advises): long passphrases, no forced symbols.
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<HealthAccordDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<InvitationTokenProvider>(InvitationTokenProvider.ProviderName);
    }

    /// <summary>
    /// The site's side: cookie sign-in with the second factor, bearer API tokens, the write policies, account email
    /// and rate limits.
    /// </summary>
    public static IServiceCollection AddHealthAccordAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHealthAccordIdentity().AddSignInManager();
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenDefaults.Scheme, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "HealthAccord.Session";
            options.LoginPath = "/account/signin";
            options.LogoutPath = "/account/signout";
            options.AccessDeniedPath = "/account/denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        // Every Identity cookie (session, two-factor step, remembered device): not readable by script, sent only over
        // HTTPS when the site is served over HTTPS, and not sent with cross-site form posts.
        services.ConfigureAll<CookieAuthenticationOptions>(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Lax;
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "HealthAccord.Antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // A locked account or a changed password ends other sessions within this time.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(5));
        services.AddWriteAuthorization();

        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section));
        services.AddSingleton<Mailer>();
        services.AddScoped<AccountEmails>();
        return services;
    }
}
