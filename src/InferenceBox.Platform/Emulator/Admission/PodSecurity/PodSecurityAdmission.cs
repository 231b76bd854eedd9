using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InferenceBox.Platform.Emulator.Http;

namespace InferenceBox.Platform.Emulator.Admission.PodSecurity;

/// <summary>
/// PodSecurity admission as kubernetes/pod-security-admission@v0.32.5 admission/admission.go does it, driven by the
/// namespace labels <c>pod-security.kubernetes.io/{enforce,warn}[-version]</c> (api/helpers.go,
/// <c>PolicyToEvaluate</c>: warn defaults to a stricter enforce level): a Pod that fails the enforced level is refused
/// with <c>pods "x" is forbidden: violates PodSecurity "restricted:latest": &lt;reason (detail)&gt;, ...</c>; a Pod or a
/// workload's pod template that fails the warn level gets a <c>would violate PodSecurity</c> warning. Checks run in
/// the registry's order (policy/registry.go): baseline IDs sorted, then restricted IDs sorted, overridden ones left
/// out. Not imitated: versions other than latest (a -version label only changes the printed policy), exemptions,
/// audit annotations, and the warnings when a namespace's labels change.
/// </summary>
public sealed partial class PodSecurityAdmission : IAdmissionPlugin
{
    private const string Prefix = "pod-security.kubernetes.io/";

    public string Name => "PodSecurity";

    public void Validate(AdmissionRequest request, AdmissionContext context)
    {
        if (request.Object is null || string.IsNullOrEmpty(request.Namespace) || request.Subresource is not null) return;
        if (request.Operation == AdmissionRequest.Update && JsonNode.DeepEquals(request.Object["spec"], request.OldObject?["spec"])) return;
        var pod = PodOf(request);
        if (pod is null) return;
        var labels = context.Get("", "v1", "Namespace", null, request.Namespace)?["metadata"]?["labels"] as JsonObject ?? [];
        var (enforce, enforceText) = Policy(labels, "enforce");
        var (warn, warnText) = Policy(labels, "warn");
        if (warn == Level.Privileged && enforce > Level.Privileged && labels[Prefix + "warn"] is null)
            (warn, warnText) = (enforce, enforceText);

        var isPod = request.Is("", "Pod");
        if (isPod && Failures(pod, enforce) is { Count: > 0 } failures)
            throw ApiError.Forbidden(request.Resource, request.Name, $"violates PodSecurity \"{enforceText}\": {Detail(failures)}").From("admission:" + Name);
        if (Failures(pod, warn) is { Count: > 0 } warnings)
            context.Warnings.Add($"would violate PodSecurity \"{warnText}\": {Detail(warnings)}");
    }

    /// <summary>The Pod Security Standards' levels (api/constants.go), least to most restrictive.</summary>
    public enum Level { Privileged, Baseline, Restricted }

    /// <summary>
    /// What admission says about a pod (or pod template) at <paramref name="level"/> ("latest"): null when it passes, else
    /// the text after "violates PodSecurity \"restricted:latest\": ". One implementation for the emulator and the manifest
    /// validator (src/InferenceBox.Platform/Schemas/Security/PodSecurityCheck.cs).
    /// </summary>
    public static string? Violations(JsonObject? metadata, JsonObject spec, Level level) =>
        Failures(new PodSpecView(metadata, spec), level) is { Count: > 0 } failures ? Detail(failures) : null;

    /// <summary>A namespace label's value as the level it names (api/helpers.go <c>ParseLevel</c>); null when it is none.</summary>
    public static Level? ParseLevel(string? value) =>
        value switch { "privileged" => Level.Privileged, "baseline" => Level.Baseline, "restricted" => Level.Restricted, _ => null };

    /// <summary>The namespace label that enforces a level.</summary>
    public const string EnforceLabel = Prefix + "enforce";

    /// <summary>The level and its printed form ("restricted:latest") of one mode; missing or invalid labels mean privileged.</summary>
    private static (Level, string) Policy(JsonObject labels, string mode)
    {
        var level = ParseLevel(labels[Prefix + mode]?.ToString()) ?? Level.Privileged;
        var version = labels[Prefix + mode + "-version"]?.ToString() is { } v && Version().IsMatch(v) ? v : "latest";
        return (level, $"{level.ToString().ToLowerInvariant()}:{version}");
    }

    private static List<CheckResult> Failures(PodSpecView pod, Level level)
    {
        if (level == Level.Privileged) return [];
        var checks = BaselineChecks.All.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        if (level == Level.Restricted)
            checks = [.. checks.Where(c => !RestrictedChecks.Overridden.Contains(c.Key)), .. RestrictedChecks.All.OrderBy(c => c.Key, StringComparer.Ordinal)];
        return checks.Select(c => c.Value(pod)).OfType<CheckResult>().ToList();
    }

    /// <summary><c>AggregateCheckResult.ForbiddenDetail</c>: "reason (detail), reason (detail)".</summary>
    private static string Detail(List<CheckResult> failures) =>
        string.Join(", ", failures.Select(f => f.Detail.Length == 0 ? f.Reason : $"{f.Reason} ({f.Detail})"));

    /// <summary>The pod, or the pod template of a workload (admission.go <c>extractPodSpecFromTemplate</c>).</summary>
    private static PodSpecView? PodOf(AdmissionRequest request)
    {
        var obj = request.Object!;
        var template = request.Resource.Group switch
        {
            "" when request.Resource.Kind == "Pod" => obj,
            "" when request.Resource.Kind == "ReplicationController" => obj["spec"]?["template"],
            "" when request.Resource.Kind == "PodTemplate" => obj["template"],
            "apps" when request.Resource.Kind is "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet" => obj["spec"]?["template"],
            "batch" when request.Resource.Kind == "Job" => obj["spec"]?["template"],
            "batch" when request.Resource.Kind == "CronJob" => obj["spec"]?["jobTemplate"]?["spec"]?["template"],
            _ => null,
        };
        return template?["spec"] is JsonObject spec ? new PodSpecView(template["metadata"] as JsonObject, spec) : null;
    }

    [GeneratedRegex(@"^(latest|v1\.\d+)$")]
    private static partial Regex Version();
}
