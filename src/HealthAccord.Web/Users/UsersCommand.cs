using System.CommandLine;
using HealthAccord.Web.Data;

namespace HealthAccord.Web.Users;

/// <summary>The <c>users</c> verb: account work that cannot wait for an administrator, because there is none yet.</summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "The administrator's email address, used to sign in.", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from standard input (e.g. `echo \"$PW\" | ... --password-stdin`) instead of printing a link.",
        };
        var addAdmin = new Command("add-admin",
            "Create an administrator account (or make an existing account one, and unlock it), then print a one-time link to set its " +
            "password. Links point at Site:PublicUrl (default http://localhost:5000).")
        {
            email, passwordStdin,
        };
        addAdmin.TreatUnmatchedTokensAsErrors = false;
        addAdmin.SetAction(async (parse, ct) =>
        {
            string? password = null;
            if (parse.GetValue(passwordStdin))
            {
                // One line: the trailing newline of `echo` is not part of the password.
                password = (await Console.In.ReadToEndAsync(ct)).TrimEnd('\r', '\n');
                if (password.Length == 0)
                {
                    await Console.Error.WriteLineAsync("error: --password-stdin was given but standard input was empty.");
                    return 1;
                }
            }
            using var host = HealthAccordApp.BuildForCommand(parse.UnmatchedTokens.ToArray());
            await DatabaseSetup.PrepareAsync(host.Services, seedRegistry: false, ct);
            using var scope = host.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<FirstAdministrator>()
                .AddAsync(parse.GetValue(email)!, password, Console.Out, Console.Error);
        });

        return new Command("users", "Manage accounts from the command line; everything else is on the site's /admin/users page.")
        {
            addAdmin,
        };
    }
}
