using static InferenceBox.Platform.Emulator.Admission.PodSecurity.PodSpecView;

namespace InferenceBox.Platform.Emulator.Admission.PodSecurity;

/// <summary>
/// The restricted checks of kubernetes/pod-security-admission@v0.32.5 (latest versions), one method per
/// policy/check_&lt;id&gt;.go. A restricted namespace runs the baseline checks too, except those these override
/// (capabilities_baseline, hostPathVolumes, seccompProfile_baseline: policy/registry.go).
/// </summary>
public static class RestrictedChecks
{
    public static readonly IReadOnlyDictionary<string, Func<PodSpecView, CheckResult?>> All = new Dictionary<string, Func<PodSpecView, CheckResult?>>
    {
        ["allowPrivilegeEscalation"] = AllowPrivilegeEscalation,
        ["capabilities_restricted"] = CapabilitiesRestricted,
        ["restrictedVolumes"] = RestrictedVolumes,
        ["runAsNonRoot"] = RunAsNonRoot,
        ["runAsUser"] = RunAsUser,
        ["seccompProfile_restricted"] = SeccompChecks.Restricted,
    };

    public static readonly string[] Overridden = ["capabilities_baseline", "hostPathVolumes", "seccompProfile_baseline"];

    private static readonly string[] AllowedVolumes = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

    private static readonly string[] KnownVolumes = ["hostPath", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs", "rbd",
        "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile", "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "portworxVolume",
        "scaleIO", "storageos"];

    private static CheckResult? AllowPrivilegeEscalation(PodSpecView pod)
    {
        if (pod.IsWindows) return null;
        var bad = pod.Containers.Where(c => Bool(c["securityContext"]?["allowPrivilegeEscalation"]) != false).Select(Name).ToList();
        return bad.Count == 0 ? null : new("allowPrivilegeEscalation != false", $"{ContainersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false");
    }

    private static CheckResult? CapabilitiesRestricted(PodSpecView pod)
    {
        if (pod.IsWindows) return null;
        var missingDrop = new List<string>();
        var adding = new List<string>();
        var forbidden = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var c in pod.Containers)
        {
            if (c["securityContext"]?["capabilities"] is not { } caps) { missingDrop.Add(Name(c)); continue; }
            if (!(caps["drop"]?.AsArray() ?? []).Any(d => d?.ToString() == "ALL")) missingDrop.Add(Name(c));
            var added = (caps["add"]?.AsArray() ?? []).Select(a => a!.ToString()).Where(a => a != "NET_BIND_SERVICE").ToList();
            if (added.Count == 0) continue;
            adding.Add(Name(c));
            forbidden.UnionWith(added);
        }
        var details = new List<string>();
        if (missingDrop.Count > 0) details.Add($"{ContainersPhrase(missingDrop)} must set securityContext.capabilities.drop=[\"ALL\"]");
        if (adding.Count > 0) details.Add($"{ContainersPhrase(adding)} must not include {JoinQuote(forbidden)} in securityContext.capabilities.add");
        return details.Count == 0 ? null : new("unrestricted capabilities", string.Join("; ", details));
    }

    private static CheckResult? RestrictedVolumes(PodSpecView pod)
    {
        var bad = new List<string>();
        var types = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var v in (pod.Spec["volumes"]?.AsArray() ?? []).OfType<System.Text.Json.Nodes.JsonObject>())
        {
            if (AllowedVolumes.Any(v.ContainsKey)) continue;
            bad.Add(v["name"]?.ToString() ?? "");
            types.Add(KnownVolumes.FirstOrDefault(v.ContainsKey) ?? "unknown");
        }
        return bad.Count == 0 ? null : new("restricted volume types",
            $"{Plural("volume", "volumes", bad.Count)} {JoinQuote(bad)} {Plural("uses", "use", bad.Count)} " +
            $"{Plural("restricted volume type", "restricted volume types", types.Count)} {JoinQuote(types)}");
    }

    private static CheckResult? RunAsNonRoot(PodSpecView pod)
    {
        var setters = new List<string>();
        var podNonRoot = false;
        if (Bool(pod.PodSecurityContext?["runAsNonRoot"]) is { } p)
        {
            if (!p) setters.Add("pod");
            else podNonRoot = true;
        }
        var explicitlyBad = new List<string>();
        var implicitlyBad = new List<string>();
        foreach (var c in pod.Containers)
        {
            if (Bool(c["securityContext"]?["runAsNonRoot"]) is { } set) { if (!set) explicitlyBad.Add(Name(c)); }
            else if (!podNonRoot) implicitlyBad.Add(Name(c));
        }
        if (explicitlyBad.Count > 0) setters.Add(ContainersPhrase(explicitlyBad));
        if (setters.Count > 0) return new("runAsNonRoot != true", $"{string.Join(" and ", setters)} must not set securityContext.runAsNonRoot=false");
        return implicitlyBad.Count == 0 ? null
            : new("runAsNonRoot != true", $"pod or {ContainersPhrase(implicitlyBad)} must set securityContext.runAsNonRoot=true");
    }

    private static CheckResult? RunAsUser(PodSpecView pod)
    {
        var setters = new List<string>();
        if (pod.PodSecurityContext?["runAsUser"]?.ToString() == "0") setters.Add("pod");
        var bad = pod.Containers.Where(c => c["securityContext"]?["runAsUser"]?.ToString() == "0").Select(Name).ToList();
        if (bad.Count > 0) setters.Add(ContainersPhrase(bad));
        return setters.Count == 0 ? null : new("runAsUser=0", $"{string.Join(" and ", setters)} must not set runAsUser=0");
    }
}
