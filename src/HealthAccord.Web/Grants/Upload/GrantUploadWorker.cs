using System.Security.Cryptography;
using HealthAccord.Data;
using HealthAccord.Web.Grants.Import;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.OutputCaching;

namespace HealthAccord.Web.Grants.Upload;

/// <summary>
/// Runs the uploaded imports, one at a time, through the same importer as the <c>import</c> verb: one transaction for
/// the database and the index, one change set in the history in the uploader's name, nothing written when the file is
/// refused. The uploaded files are deleted when their import is over, whatever its outcome.
/// </summary>
public sealed class GrantUploadWorker(GrantUploadQueue queue, IServiceScopeFactory scopes, GrantIndex index, TimeProvider clock,
    IOutputCacheStore cache, ILogger<GrantUploadWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in queue.WaitingAsync(stoppingToken))
        {
            job.State = GrantUploadState.Running;
            try
            {
                var outcome = await ImportAsync(job, stoppingToken);
                job.Outcome = outcome;
                job.State = outcome.Succeeded ? GrantUploadState.Imported : GrantUploadState.Refused;
                // New organisations appear on registry pages, which readers get from the output cache.
                if (outcome.Succeeded) await cache.EvictByTagAsync(RegistryCache.Tag, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                job.Failure = "The server stopped before the import finished; nothing was imported. Upload the file again.";
                job.State = GrantUploadState.Failed;
                throw;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong, the worker carries on with the next upload, and this one's page says so.
                // The importer's transaction was rolled back: the database and the index are as they were.
                logger.LogError(e, "The upload {Id} ({File}) could not be imported", job.Id, job.FileName);
                job.Failure = "The import stopped on an unexpected error and nothing was imported. The error is in the server's log.";
                job.State = GrantUploadState.Failed;
            }
            finally
            {
                job.FinishedAt = clock.GetUtcNow().UtcDateTime;
                queue.Finished(job);
                TryDelete(job.Folder);
            }
        }
    }

    private async Task<GrantImportOutcome> ImportAsync(GrantUploadJob job, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HealthAccordDbContext>();
        var importer = new GrantImporter(db, ExchangeRates.LoadDefault(), new PathogenTagger(), HrcsCategories.LoadDefault(), clock, index);
        var format = GrantUploadFormats.FileFormat(job.Format);
        var options = new GrantReadOptions { DateFormat = job.DateFormat, DatasetName = job.FileName, MappingPath = job.MappingPath };
        var rows = GrantFileReader.Open(job.FilePath, format, options, ct);
        return await importer.ImportAsync(rows, new GrantImportOptions(job.FileName, job.Format, token => HashAsync(job.FilePath, token), job.SkipInvalid)
        {
            Author = job.Author,
        }, new Progress(job), ct);
    }

    /// <summary>Asked for by the importer only when it commits, so a refused file is never read a second time in full.</summary>
    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    private void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not delete the upload folder {Folder}", folder);
        }
    }

    /// <summary>Reports on the importer's own thread, so the page sees the count without waiting for a synchronisation context.</summary>
    private sealed class Progress(GrantUploadJob job) : IProgress<int>
    {
        public void Report(int value) => job.ReportRows(value);
    }
}
