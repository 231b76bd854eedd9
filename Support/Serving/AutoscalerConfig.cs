using System.Globalization;
using System.Text.RegularExpressions;

namespace InferenceBox.Specs.Support.Serving;

/// <summary>
/// The live scale-to-zero timing of Knative: config-autoscaler in knative-serving, with the revision's own
/// annotations overriding the stable window, the pod retention period and the scale-down delay (Knative defaults when a
/// key is absent). Annotation keys and the spellings Knative also accepts: knative/serving@knative-v1.18.1
/// pkg/apis/autoscaling/register.go (WindowAnnotation; ScaleToZeroPodRetentionPeriodAnnotation and
/// ScaleDownDelayAnnotation, each a KeyPriority of the kebab-case key then the camelCase one), validated as Go durations
/// in pkg/apis/autoscaling/annotation_validation.go and read per revision in pkg/apis/autoscaling/v1alpha1/pa_lifecycle.go.
/// KServe copies an InferenceService's annotations onto the revision template of its Knative Service
/// (kserve/kserve@v0.15.2 pkg/controller/v1beta1/inferenceservice/reconcilers/knative/ksvc_reconciler.go).
/// </summary>
public sealed partial record AutoscalerConfig(TimeSpan GracePeriod, TimeSpan StableWindow, TimeSpan PodRetention, TimeSpan ScaleDownDelay)
{
    public const string Namespace = "knative-serving";
    public const string ConfigMapName = "config-autoscaler";
    public const string WindowAnnotation = "autoscaling.knative.dev/window";
    public static readonly string[] PodRetentionAnnotations =
        ["autoscaling.knative.dev/scale-to-zero-pod-retention-period", "autoscaling.knative.dev/scaleToZeroPodRetentionPeriod"];
    public static readonly string[] ScaleDownDelayAnnotations =
        ["autoscaling.knative.dev/scale-down-delay", "autoscaling.knative.dev/scaleDownDelay"];

    /// <summary>Reads the ConfigMap data (keys of Knative's config/core/configmaps/autoscaler.yaml), then the revision's annotations.</summary>
    public static AutoscalerConfig From(IDictionary<string, string>? data, IReadOnlyDictionary<string, string>? annotations = null)
    {
        data ??= new Dictionary<string, string>();
        annotations ??= new Dictionary<string, string>();
        TimeSpan Read(string key, string fallback) => GoDuration(data.TryGetValue(key, out var v) ? v : fallback, $"{ConfigMapName} {key}");
        TimeSpan Override(string[] keys, TimeSpan configured) =>
            keys.FirstOrDefault(annotations.ContainsKey) is { } key ? GoDuration(annotations[key], $"annotation {key}") : configured;
        return new AutoscalerConfig(
            Read("scale-to-zero-grace-period", "30s"),
            Override([WindowAnnotation], Read("stable-window", "60s")),
            Override(PodRetentionAnnotations, Read("scale-to-zero-pod-retention-period", "0s")),
            Override(ScaleDownDelayAnnotations, Read("scale-down-delay", "0s")));
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
