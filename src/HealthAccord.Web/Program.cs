using HealthAccord.Web.Cli;

// One executable: with no verb (or "serve") it runs the site and API; other verbs manage the database.
// See `dotnet run --project src/HealthAccord.Web -- --help`.
return await HealthAccordCli.RunAsync(args);

/// <summary>Entry point type, public so integration tests can host the app.</summary>
public partial class Program;
