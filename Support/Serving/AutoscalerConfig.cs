using System.Globalization;
using System.Text.RegularExpressions;

namespace InferenceBox.Specs.Support.Serving;

/// <summary>
/// The live scale-to-zero timing of Knative: config-autoscaler in knative-serving, with the revision's
/// autoscaling.knative.dev/window annotation overriding the stable window (Knative defaults when a key is absent).
/// </summary>
public sealed partial record AutoscalerConfig(TimeSpan GracePeriod, TimeSpan StableWindow, TimeSpan PodRetention, TimeSpan ScaleDownDelay)
{
    public const string Namespace = "knative-serving";
    public const string ConfigMapName = "config-autoscaler";
    public const string WindowAnnotation = "autoscaling.knative.dev/window";

    /// <summary>Reads the ConfigMap data; keys follow Knative's config/core/configmaps/autoscaler.yaml.</summary>
    public static AutoscalerConfig From(IDictionary<string, string>? data, string? windowAnnotation = null)
    {
        data ??= new Dictionary<string, string>();
        TimeSpan Read(string key, string fallback) => GoDuration(data.TryGetValue(key, out var v) ? v : fallback, $"{ConfigMapName} {key}");
        return new AutoscalerConfig(
            Read("scale-to-zero-grace-period", "30s"),
            windowAnnotation is { Length: > 0 } ? GoDuration(windowAnnotation, WindowAnnotation) : Read("stable-window", "60s"),
            Read("scale-to-zero-pod-retention-period", "0s"),
            Read("scale-down-delay", "0s"));
    }

    /// <summary>
    /// How long an idle revision may take to reach zero pods: the stable window must pass without traffic, then the
    /// longer of grace period and retention, plus any scale-down delay; the margin covers pod termination.
    /// </summary>
    public TimeSpan ScaleToZeroBudget(TimeSpan margin) =>
        StableWindow + (GracePeriod > PodRetention ? GracePeriod : PodRetention) + ScaleDownDelay + margin;

    public override string ToString() =>
        $"grace period {GracePeriod.TotalSeconds:0.#}s, stable window {StableWindow.TotalSeconds:0.#}s, " +
        $"pod retention {PodRetention.TotalSeconds:0.#}s, scale-down delay {ScaleDownDelay.TotalSeconds:0.#}s";

    /// <summary>Parses a Go duration ("6s", "1m30s", "1.5s", "500ms", "0s"); anything else is an error naming the key.</summary>
    public static TimeSpan GoDuration(string text, string where)
    {
        var trimmed = text.Trim();
        if (trimmed == "0") return TimeSpan.Zero;
        var parts = DurationPart().Matches(trimmed);
        if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)) != trimmed)
            throw new FormatException($"{where}: '{text}' is not a Go duration (e.g. 6s, 1m30s).");
        return parts.Aggregate(TimeSpan.Zero, (sum, p) =>
        {
            var value = double.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture);
            return sum + p.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                "us" or "µs" => TimeSpan.FromMicroseconds(value),
                _ => TimeSpan.FromTicks((long)(value / 100)),
            };
        });
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)")]
    private static partial Regex DurationPart();
}
