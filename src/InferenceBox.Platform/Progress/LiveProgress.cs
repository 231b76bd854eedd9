namespace InferenceBox.Platform.Progress;

/// <summary>
/// The live progress channel of a run. Each event is shown as it happens: on the terminal when there is one, because the
/// test host's own output is captured until a test ends, and through <paramref name="diagnostics"/> (the specs' run hook
/// passes xUnit's diagnostic messages: `dotnet test --logger "console;verbosity=normal"`; the platform library knows no
/// test framework). (The provisioner also tees it into bootstrap.log.)
/// </summary>
public sealed class LiveProgress(bool useTerminal = true, Action<string>? diagnostics = null) : IProgressChannel, IDisposable
{
    private readonly Lock _gate = new();
    private readonly TextWriter? _terminal = useTerminal ? OpenTerminal() : null;
    private readonly List<ProgressEvent> _events = [];

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
            _terminal?.WriteLine("[inferencebox] " + line);
        }
        // Diagnostic messages end up in the runner's console log and CI output: through the one redactor.
        diagnostics?.Invoke(Diagnostics.Redactor.Redact(line));
    }

    public void Dispose()
    {
        lock (_gate) _terminal?.Dispose();
    }

    private static TextWriter? OpenTerminal()
    {
        if (OperatingSystem.IsWindows() || Environment.GetEnvironmentVariable("CI") == "true") return null;
        try { return new StreamWriter(new FileStream("/dev/tty", FileMode.Open, FileAccess.Write)) { AutoFlush = true }; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
