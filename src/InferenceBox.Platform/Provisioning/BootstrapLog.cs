using InferenceBox.Platform.Diagnostics;
using InferenceBox.Platform.Progress;

namespace InferenceBox.Platform.Provisioning;

/// <summary>
/// Tees every progress line into &lt;ResultsDir&gt;/bootstrap.log (timestamped, through the one redactor: a tool's output may
/// quote a token or a key) while passing it on to the live channel. Thread safe: concurrent phases report at once.
/// </summary>
public sealed class BootstrapLog : IProgressChannel, IDisposable
{
    public const string FileName = "bootstrap.log";
    private readonly IProgressChannel _inner;
    private readonly StreamWriter _file;
    private readonly Lock _gate = new();

    public BootstrapLog(IProgressChannel inner, string resultsDir)
    {
        _inner = inner;
        Directory.CreateDirectory(resultsDir);
        Path = System.IO.Path.Combine(resultsDir, FileName);
        _file = new StreamWriter(Path, append: true) { AutoFlush = true };
    }

    public string Path { get; }

    public void Report(ProgressEvent progressEvent)
    {
        lock (_gate) _file.WriteLine(Redactor.Redact($"{DateTimeOffset.UtcNow:O} {progressEvent}"));
        _inner.Report(progressEvent);
    }

    public void Dispose()
    {
        lock (_gate) _file.Dispose();
    }
}
