using System.Globalization;
using HealthAccord.Web.Authorization;
using HealthAccord.Web.Grants.Import;
using HealthAccord.Web.History;
using HealthAccord.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace HealthAccord.Web.Grants.Upload;

/// <summary>
/// /grants/import: an editor or administrator uploads a grant file with its options; the file is saved and queued,
/// and the browser goes to the import's own page, which follows it to its result.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.GrantImporter)]
[NoOutputCache]
// The form carries up to three files; each is checked against the configured limit in the handler, where the
// refusal can name the field. This ceiling only keeps a runaway request from being read to its end (413).
[RequestFormLimits(MultipartBodyLengthLimit = RequestCeilingBytes)]
[RequestSizeLimit(RequestCeilingBytes)]
public sealed class ImportModel(GrantUploadQueue queue, ChangeActor actor, IOptions<GrantUploadSettings> settings, TimeProvider clock) : PageModel
{
    public sealed class UploadInput
    {
        public string? Format { get; set; }
        public IFormFile? File { get; set; }
        public IFormFile? Organisations { get; set; }
        public IFormFile? Mapping { get; set; }
        public bool SkipInvalid { get; set; }
        public string? DateFormat { get; set; }
    }

    private const long RequestCeilingBytes = 2L * 1024 * 1024 * 1024;

    [BindProperty]
    public UploadInput Input { get; set; } = new();

    public long MaxFileBytes => settings.Value.MaxFileBytes;

    public string MaxFileText => Size(MaxFileBytes);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Validate();
        if (!ModelState.IsValid) return Page();

        var id = Guid.NewGuid();
        var folder = Path.Combine(settings.Value.UploadFolder, id.ToString("N"));
        Directory.CreateDirectory(folder);
        // Fixed names inside the upload's own folder: nothing the uploader chose reaches the file system.
        var cordis = Input.Format == "cordis";
        var filePath = Path.Combine(folder, cordis ? CordisReader.ProjectFileName : "grants.upload");
        await SaveAsync(Input.File!, filePath, ct);
        if (cordis) await SaveAsync(Input.Organisations!, Path.Combine(folder, CordisParticipants.FileName), ct);
        string? mappingPath = null;
        if (Input.Format == "csv") await SaveAsync(Input.Mapping!, mappingPath = Path.Combine(folder, "mapping.json"), ct);

        queue.Enqueue(new GrantUploadJob
        {
            Id = id,
            FileName = Path.GetFileName(Input.File!.FileName),
            Format = Input.Format!,
            Folder = folder,
            FilePath = filePath,
            MappingPath = mappingPath,
            DateFormat = string.IsNullOrWhiteSpace(Input.DateFormat) ? null : Input.DateFormat.Trim(),
            SkipInvalid = Input.SkipInvalid,
            Author = await actor.OfAsync(User, ct),
            QueuedAt = clock.GetUtcNow().UtcDateTime,
        });
        // Post, redirect, get: reloading the import's page never uploads the file again.
        return Redirect($"/grants/import/{id:N}");
    }

    private void Validate()
    {
        if (!GrantUploadFormats.IsKnown(Input.Format))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Format)}", "Choose the file's format.");
        CheckFile(nameof(Input.File), Input.File, required: true, "Choose the grant file to import.");
        CheckFile(nameof(Input.Organisations), Input.Organisations, required: Input.Format == "cordis",
            "A CORDIS import needs the organization.csv file that goes with the project file.");
        CheckFile(nameof(Input.Mapping), Input.Mapping, required: Input.Format == "csv",
            "A CSV import needs its mapping file (JSON; see the README's worked example).");
        if (!string.IsNullOrWhiteSpace(Input.DateFormat) && !IsUsableDateFormat(Input.DateFormat.Trim()))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.DateFormat)}",
                "This is not a date format the import can read dates with; write it like dd/MM/yyyy (day, month, year).");
    }

    private void CheckFile(string field, IFormFile? file, bool required, string missing)
    {
        var key = $"{nameof(Input)}.{field}";
        if (file is null || file.Length == 0)
        {
            if (required) ModelState.AddModelError(key, file is null ? missing : "This file is empty.");
            return;
        }
        if (file.Length > MaxFileBytes)
            ModelState.AddModelError(key, $"This file is {Size(file.Length)}; an upload may be at most {MaxFileText}. " +
                "Import larger files with the import command on the server.");
    }

    /// <summary>A format that writes a day, a month and a year, and reads back what it wrote.</summary>
    private static bool IsUsableDateFormat(string format)
    {
        if (format.Length > 40) return false;
        var sample = new DateOnly(2021, 11, 23);
        try
        {
            var text = sample.ToString(format, CultureInfo.InvariantCulture);
            return DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back) && back == sample;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static async Task SaveAsync(IFormFile file, string path, CancellationToken ct)
    {
        await using var target = System.IO.File.Create(path);
        await file.CopyToAsync(target, ct);
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
