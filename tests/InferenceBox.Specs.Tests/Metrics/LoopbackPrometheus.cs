using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using InferenceBox.Platform.Waiting;

namespace InferenceBox.Specs.Tests.Metrics;

/// <summary>
/// A real Prometheus (Debian's `prometheus` package) started on loopback with a temporary config and storage,
/// scraping a tiny exporter hosted here every second; the subclass says what the exporter serves. Killed at the end.
/// </summary>
public abstract class LoopbackPrometheus : IAsyncLifetime
{
    public const string Binary = "/usr/bin/prometheus";
    private readonly HttpListener exporter = new();
    private readonly string workDir = Directory.CreateTempSubdirectory("inferencebox-prom-").FullName;
    private Process? prometheus;

    public Uri Url { get; private set; } = null!;

    /// <summary>The Prometheus text exposition the exporter answers with, rendered at each scrape.</summary>
    protected abstract string Exposition();

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException(
                $"{Binary} is missing: the metrics driver is tested against a real Prometheus. Install it with `apt-get update && apt-get install -y prometheus`.");
        var exporterPort = FreePort();
        exporter.Prefixes.Add($"http://127.0.0.1:{exporterPort}/");
        exporter.Start();
        _ = Task.Run(ServeMetricsAsync);

        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}");
        var config = Path.Combine(workDir, "prometheus.yml");
        await File.WriteAllTextAsync(config,
            "global: {scrape_interval: 1s, evaluation_interval: 1s}\n" +
            "scrape_configs:\n" +
            $"- job_name: exporter\n  static_configs: [{{targets: ['127.0.0.1:{exporterPort}']}}]\n");
        prometheus = Process.Start(new ProcessStartInfo(Binary)
        {
            ArgumentList = { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(workDir, "data")}",
                $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn" },
            RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        prometheus.BeginOutputReadLine();
        prometheus.BeginErrorReadLine();
        await WaitReadyAsync();
    }

    // Prometheus's own readiness endpoint: one 200 is the signal (it is not a route that can flap), so the shared poll,
    // not a convergence, within the api-call budget (30 s, scaled).
    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Poll.UntilAsync(new WaitBudgets(), WaitBudgets.Names.ApiCall, $"Prometheus at {Url} to be ready (GET /-/ready)",
            TimeSpan.FromMilliseconds(200), async token =>
            {
                if (prometheus!.HasExited) throw new InvalidOperationException($"{Binary} exited with code {prometheus.ExitCode} at start.");
                try
                {
                    using var response = await http.GetAsync(new Uri(Url, "/-/ready"), token);
                    return response.IsSuccessStatusCode ? WaitVerdict<bool>.Reached(true) : WaitVerdict<bool>.NotYet($"HTTP {(int)response.StatusCode}");
                }
                catch (TaskCanceledException) when (!token.IsCancellationRequested) { return WaitVerdict<bool>.NotYet("no answer within 2 s"); }
            });
    }

    private async Task ServeMetricsAsync()
    {
        while (exporter.IsListening)
        {
            HttpListenerContext context;
            try { context = await exporter.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            var body = Encoding.UTF8.GetBytes(Exposition());
            context.Response.ContentType = "text/plain; version=0.0.4";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        if (prometheus is { HasExited: false }) prometheus.Kill(entireProcessTree: true);
        prometheus?.WaitForExit(5000);
        prometheus?.Dispose();
        exporter.Close();
        try { Directory.Delete(workDir, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
