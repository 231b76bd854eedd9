namespace InferenceBox.Specs.Support.Cluster;

/// <summary>
/// Judges a pod's admission (issue 19 item 8). A refusal counts only as the PodSecurity admission's own: 403 with
/// <c>pods "&lt;name&gt;" is forbidden: violates PodSecurity "&lt;level&gt;:&lt;version&gt;": …</c>
/// (kubernetes/pod-security-admission@v0.32.5 admission/admission.go, the message the emulator's admission reproduces), so a
/// quota, a LimitRange or a webhook saying no passes for nothing.
/// </summary>
public static class PodSecurityVerdict
{
    public static string? WhyNotAdmitted(PodAdmission a) =>
        a.Admitted ? null : $"pod {a.Namespace}/{a.Pod} was refused ({a.Status}): {a.Message}";

    public static string? WhyNotRefusedByPodSecurity(PodAdmission a, string level)
    {
        if (a.Admitted) return $"pod {a.Namespace}/{a.Pod} was admitted: {a.Namespace} does not enforce {level} (or the pod passed it)";
        var expected = $"pods \"{a.Pod}\" is forbidden: violates PodSecurity \"{level}:";
        return a.Status == 403 && a.Message.StartsWith(expected, StringComparison.Ordinal)
            ? null
            : $"pod {a.Namespace}/{a.Pod} was refused ({a.Status}), but not by PodSecurity \"{level}\": {a.Message}";
    }
}
