namespace InferenceBox.Specs.Support.Progress;

/// <summary>
/// The live progress channel of a run. Each event goes, as one line, to the bootstrap log in the results
/// folder, to xUnit's diagnostic messages (shown by `dotnet test --logger "console;verbosity=normal"`), and to
/// the terminal when there is one, so a person watching `dotnet test` sees every phase as it happens.
/// </summary>
public sealed class LiveProgress : IProgressChannel, IDisposable
{
    private readonly object _gate = new();
    private readonly StreamWriter _log;
    private readonly TextWriter? _terminal;
    private readonly List<ProgressEvent> _events = [];

    public LiveProgress(string logFile, bool useTerminal = true)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        LogFile = logFile;
        _log = new StreamWriter(logFile, append: false) { AutoFlush = true };
        _terminal = useTerminal ? OpenTerminal() : null;
    }

    public string LogFile { get; }

    public IReadOnlyList<ProgressEvent> Events
    {
        get { lock (_gate) return _events.ToList(); }
    }

    public void Report(ProgressEvent progressEvent)
    {
        var line = $"{DateTimeOffset.Now:HH:mm:ss} {progressEvent}";
        lock (_gate)
        {
            _events.Add(progressEvent);
            _log.WriteLine(line);
            _terminal?.WriteLine("[inferencebox] " + line);
        }
        Xunit.TestContext.Current?.SendDiagnosticMessage("{0}", line);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _log.Dispose();
            _terminal?.Dispose();
        }
    }

    // The test host's own stdout is captured by the runner; the controlling terminal is where a person looks.
    private static TextWriter? OpenTerminal()
    {
        if (OperatingSystem.IsWindows() || Environment.GetEnvironmentVariable("CI") == "true") return null;
        try { return new StreamWriter(new FileStream("/dev/tty", FileMode.Open, FileAccess.Write)) { AutoFlush = true }; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
