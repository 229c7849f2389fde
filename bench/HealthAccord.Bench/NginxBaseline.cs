using System.Diagnostics;

namespace HealthAccord.Bench;

/// <summary>
/// nginx serving a static copy of a page from a private config: the practical ceiling for serving that page on this machine.
/// </summary>
internal sealed class NginxBaseline : IAsyncDisposable
{
    private readonly string _folder;
    private readonly Process _process;

    public string Url { get; }

    private NginxBaseline(string folder, Process process, string url)
    {
        _folder = folder;
        _process = process;
        Url = url;
    }

    public static async Task<NginxBaseline> StartAsync(string fileName, byte[] content, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("healthaccord-nginx-").FullName;
        // Temp folders are created private (0700); nginx's workers run as an unprivileged user and must read the page.
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        Directory.CreateDirectory(Path.Combine(folder, "www"));
        Directory.CreateDirectory(Path.Combine(folder, "tmp"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "www", fileName), content, ct);
        var port = Measure.FreePort();
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            worker_processes 2;
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/tmp;
              proxy_temp_path {{folder}}/tmp;
              fastcgi_temp_path {{folder}}/tmp;
              uwsgi_temp_path {{folder}}/tmp;
              scgi_temp_path {{folder}}/tmp;
              default_type text/html;
              server {
                listen 127.0.0.1:{{port}};
                root {{folder}}/www;
              }
            }
            """, ct);
        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        var process = Process.Start(new ProcessStartInfo(nginx, $"-c {config} -p {folder}") { RedirectStandardError = true })
            ?? throw new InvalidOperationException("nginx did not start; install it with apt-get install nginx-light.");
        var url = $"http://127.0.0.1:{port}/{fileName}";
        using var client = new HttpClient();
        for (var i = 0; i < 50; i++)
        {
            try
            {
                (await client.GetAsync(url, ct)).EnsureSuccessStatusCode();
                return new NginxBaseline(folder, process, url);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, ct);
            }
        }
        process.Kill();
        throw new InvalidOperationException("nginx did not answer: " + await process.StandardError.ReadToEndAsync(ct));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
