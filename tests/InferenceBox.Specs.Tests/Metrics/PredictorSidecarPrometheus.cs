using System.Text;
using System.Text.Json;

namespace InferenceBox.Specs.Tests.Metrics;

/// <summary>
/// The loopback Prometheus scraping the recorded series of a predictor's Istio sidecar
/// (Fixtures/predictor-sidecar-istio-requests.json: one series per source, labels and their upstream sources named
/// there). The test moves each series' counter; a batch of moves is seen by one scrape or the next, never half of it.
/// </summary>
public sealed class PredictorSidecarPrometheus : LoopbackPrometheus
{
    private readonly Lock gate = new();
    private readonly List<(string Counter, string Series)> series;
    private readonly Dictionary<string, long> counters = new();
    public string Metric { get; }

    public PredictorSidecarPrometheus()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Metrics", "Fixtures", "predictor-sidecar-istio-requests.json")));
        Metric = json.RootElement.GetProperty("metric").GetString()!;
        series = json.RootElement.GetProperty("series").EnumerateArray().Select(s => (
            s.GetProperty("counter").GetString()!,
            Metric + "{" + string.Join(",", s.GetProperty("labels").EnumerateObject().Select(l => $"{l.Name}=\"{Escape(l.Value.GetString()!)}\"")) + "}"))
            .ToList();
        // Long-running sources have counted for a while before the test starts.
        foreach (var (counter, _) in series) counters[counter] = counter is "autoscaler" or "prometheus" ? 5000 : 0;
    }

    /// <summary>Adds to several counters at once.</summary>
    public void Count(params (string Counter, long By)[] moves)
    {
        lock (gate)
            foreach (var (counter, by) in moves)
                counters[counter] = counters.TryGetValue(counter, out var value) ? value + by : throw new KeyNotFoundException(counter);
    }

    protected override string Exposition()
    {
        var text = new StringBuilder($"# TYPE {Metric} counter\n");
        lock (gate)
            foreach (var (counter, line) in series) text.Append(line).Append(' ').Append(counters[counter]).Append('\n');
        return text.ToString();
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
