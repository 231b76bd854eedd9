using static InferenceBox.Platform.Emulator.Admission.PodSecurity.PodSpecView;

namespace InferenceBox.Platform.Emulator.Admission.PodSecurity;

/// <summary>
/// seccompProfile_baseline (pod-security-admission@v0.32.5 policy/check_seccompProfile_baseline.go, 1.19+: a set
/// profile must be RuntimeDefault or Localhost) and seccompProfile_restricted (check_seccompProfile_restricted.go,
/// 1.25+: and it must be set, on the pod or on every container; Windows pods are exempt).
/// </summary>
public static class SeccompChecks
{
    private static bool Valid(string? type) => type is "RuntimeDefault" or "Localhost";

    public static CheckResult? Explicit(PodSpecView pod) => Evaluate(pod, requireSet: false);

    public static CheckResult? Restricted(PodSpecView pod) => pod.IsWindows ? null : Evaluate(pod, requireSet: true);

    private static CheckResult? Evaluate(PodSpecView pod, bool requireSet)
    {
        var setters = new List<string>();
        var values = new SortedSet<string>(StringComparer.Ordinal);
        var podSet = false;
        if (pod.PodSecurityContext?["seccompProfile"] is { } p)
        {
            var type = p["type"]?.ToString();
            if (!Valid(type)) { setters.Add("pod"); values.Add(type ?? ""); }
            else podSet = true;
        }
        var explicitlyBad = new List<string>();
        var implicitlyBad = new List<string>();
        foreach (var c in pod.Containers)
        {
            if (c["securityContext"]?["seccompProfile"] is { } profile)
            {
                var type = profile["type"]?.ToString();
                if (!Valid(type)) { explicitlyBad.Add(Name(c)); values.Add(type ?? ""); }
            }
            else if (!podSet) implicitlyBad.Add(Name(c));
        }
        if (explicitlyBad.Count > 0) setters.Add(ContainersPhrase(explicitlyBad));
        if (setters.Count > 0)
            return new("seccompProfile", $"{string.Join(" and ", setters)} must not set securityContext.seccompProfile.type to {JoinQuote(values)}");
        return requireSet && implicitlyBad.Count > 0
            ? new("seccompProfile", $"pod or {ContainersPhrase(implicitlyBad)} must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"")
            : null;
    }
}
