namespace HealthAccord.Web.Grants.Upload;

/// <summary>The <c>GrantUploads</c> configuration section.</summary>
public sealed class GrantUploadSettings
{
    public const string Section = "GrantUploads";

    /// <summary>
    /// The largest file the upload page takes, in bytes (512 MiB unless configured). Larger files go through the
    /// <c>import</c> command, which reads them from disk without sending them over HTTP.
    /// </summary>
    public long MaxFileBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Where uploads wait for their import; the system's temporary folder unless configured.</summary>
    public string? Folder { get; set; }

    public string UploadFolder => Folder ?? Path.Combine(Path.GetTempPath(), "healthaccord-uploads");
}
