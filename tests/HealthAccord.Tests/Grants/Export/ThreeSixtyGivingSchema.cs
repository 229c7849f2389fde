using System.Diagnostics;
using System.Text.Json.Nodes;
using HealthAccord.Tests.Infrastructure;

namespace HealthAccord.Tests.Grants.Export;

/// <summary>
/// Validates a file against the 360Giving package schema in shared/data with ajv-cli from tools/node_modules (the
/// draft 2020-12 build, with ajv-formats for date-time and uri). The shipped schemas need two fixes first, made in
/// temporary copies: the package's grant <c>$ref</c> names the 1.4.2 URL while the grant schema beside it declares
/// 1.4.3, and both declare <c>$schema</c> with http:// where ajv knows draft 2020-12 by its https:// address.
/// <para>
/// Without node or ajv the calling test is skipped, so plain <c>dotnet test</c> passes on a machine without npm;
/// ./test.sh installs the tools and sets HEALTHACCORD_REQUIRE_AJV=1, which turns that skip into a failure.
/// </para>
/// </summary>
public static class ThreeSixtyGivingSchema
{
    public sealed record Result(bool Valid, string Output);

    public static async Task<Result> ValidateAsync(string dataFile)
    {
        var ajv = Path.Combine(TestPaths.RepoRoot, "tools", "node_modules", "ajv-cli", "dist", "index.js");
        var node = FindOnPath("node");
        if (node is null || !File.Exists(ajv))
        {
            var reason = node is null ? "node is not on PATH" : $"{ajv} is missing (npm ci --prefix tools)";
            if (Environment.GetEnvironmentVariable("HEALTHACCORD_REQUIRE_AJV") == "1") Assert.Fail($"ajv is required here but {reason}.");
            Assert.Skip($"Cannot validate against the 360Giving schema: {reason}.");
        }
        var package = GrantFiles.Shared("360giving-standard", "360-giving-package-schema.json");
        var grant = GrantFiles.Shared("360giving-standard", "360-giving-schema.json");

        var folder = Directory.CreateTempSubdirectory("healthaccord-360g-schema-").FullName;
        try
        {
            var grantSchema = JsonNode.Parse(await File.ReadAllTextAsync(grant, Ct))!.AsObject();
            var packageSchema = JsonNode.Parse(await File.ReadAllTextAsync(package, Ct))!.AsObject();
            grantSchema["$schema"] = Https((string)grantSchema["$schema"]!);
            packageSchema["$schema"] = Https((string)packageSchema["$schema"]!);
            packageSchema["properties"]!["grants"]!["items"]!["$ref"] = (string)grantSchema["$id"]!;
            var grantPath = Path.Combine(folder, "grant-schema.json");
            var packagePath = Path.Combine(folder, "package-schema.json");
            await File.WriteAllTextAsync(grantPath, grantSchema.ToJsonString(), Ct);
            await File.WriteAllTextAsync(packagePath, packageSchema.ToJsonString(), Ct);

            var info = new ProcessStartInfo(node)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.Combine(TestPaths.RepoRoot, "tools"),
            };
            // --strict=false: the schemas use a "codelist" keyword of their own, which strict mode refuses.
            foreach (var arg in new[] { ajv, "validate", "--spec=draft2020", "-c", "ajv-formats", "--strict=false", "--all-errors",
                         "--errors=json", "-s", packagePath, "-r", grantPath, "-d", dataFile })
                info.ArgumentList.Add(arg);
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync(Ct);
            var stderr = process.StandardError.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            return new Result(process.ExitCode == 0, (await stdout) + (await stderr));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Https(string uri) => uri.Replace("http://", "https://", StringComparison.Ordinal);

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
