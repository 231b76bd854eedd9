using System.Text.Json.Nodes;
using static InferenceBox.Platform.Emulator.Admission.PodSecurity.PodSpecView;

namespace InferenceBox.Platform.Emulator.Admission.PodSecurity;

/// <summary>
/// The baseline checks of kubernetes/pod-security-admission@v0.32.5 (its latest versions), one method per
/// policy/check_&lt;id&gt;.go, with the same reasons and details. Keyed by check ID; evaluated in ID order.
/// </summary>
public static class BaselineChecks
{
    public static readonly IReadOnlyDictionary<string, Func<PodSpecView, CheckResult?>> All = new Dictionary<string, Func<PodSpecView, CheckResult?>>
    {
        ["appArmorProfile"] = AppArmorProfile,
        ["capabilities_baseline"] = CapabilitiesBaseline,
        ["hostNamespaces"] = HostNamespaces,
        ["hostPathVolumes"] = HostPathVolumes,
        ["hostPorts"] = HostPorts,
        ["privileged"] = Privileged,
        ["procMount"] = ProcMount,
        ["seLinuxOptions"] = SeLinuxOptions,
        ["seccompProfile_baseline"] = SeccompProfileBaseline,
        ["sysctls"] = Sysctls,
        ["windowsHostProcess"] = WindowsHostProcess,
    };

    private static readonly HashSet<string> DefaultCapabilities = ["AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
        "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"];

    private static readonly HashSet<string> SafeSysctls = ["kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time",
        "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"];

    private static readonly HashSet<string> SeLinuxTypes = ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"];

    private static CheckResult? AppArmorProfile(PodSpecView pod)
    {
        static bool Ok(JsonNode? profile) => profile?["type"]?.GetValue<string>() is null or "RuntimeDefault" or "Localhost";
        var setters = new List<string>();
        var values = new SortedSet<string>(StringComparer.Ordinal);
        if (pod.PodSecurityContext?["appArmorProfile"] is { } p && !Ok(p)) { setters.Add("pod"); values.Add(p["type"]!.ToString()); }
        var bad = pod.Containers.Where(c => c["securityContext"]?["appArmorProfile"] is { } cp && !Ok(cp)).ToList();
        foreach (var c in bad) values.Add(c["securityContext"]!["appArmorProfile"]!["type"]!.ToString());
        if (bad.Count > 0) setters.Add(ContainersPhrase(bad.Select(Name).ToList()));
        var list = values.ToList();
        var annotations = pod.Annotations.Where(a => a.Key.StartsWith("container.apparmor.security.beta.kubernetes.io/", StringComparison.Ordinal)
                && !(a.Value.Length == 0 || a.Value == "runtime/default" || a.Value.StartsWith("localhost/", StringComparison.Ordinal)))
            .Select(a => $"{a.Key}={Quote(a.Value)}").Order(StringComparer.Ordinal).ToList();
        if (annotations.Count > 0) { list.AddRange(annotations); setters.Add(Plural("annotation", "annotations", annotations.Count)); }
        return setters.Count == 0 ? null : new(Plural("forbidden AppArmor profile", "forbidden AppArmor profiles", list.Count),
            $"{string.Join(" and ", setters)} must not set AppArmor profile type to {JoinQuote(list)}");
    }

    private static CheckResult? CapabilitiesBaseline(PodSpecView pod)
    {
        var bad = new List<string>();
        var caps = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var c in pod.Containers)
        {
            var added = (c["securityContext"]?["capabilities"]?["add"]?.AsArray() ?? []).Select(a => a!.ToString()).Where(a => !DefaultCapabilities.Contains(a)).ToList();
            if (added.Count == 0) continue;
            bad.Add(Name(c));
            caps.UnionWith(added);
        }
        return bad.Count == 0 ? null : new("non-default capabilities", $"{ContainersPhrase(bad)} must not include {JoinQuote(caps)} in securityContext.capabilities.add");
    }

    private static CheckResult? HostNamespaces(PodSpecView pod)
    {
        var set = new[] { "hostNetwork", "hostPID", "hostIPC" }.Where(f => Bool(pod.Spec[f]) == true).Select(f => f + "=true").ToList();
        return set.Count == 0 ? null : new("host namespaces", string.Join(", ", set));
    }

    private static CheckResult? HostPathVolumes(PodSpecView pod)
    {
        var volumes = (pod.Spec["volumes"]?.AsArray() ?? []).Where(v => v?["hostPath"] is not null).Select(v => v!["name"]!.ToString()).ToList();
        return volumes.Count == 0 ? null : new("hostPath volumes", $"{Plural("volume", "volumes", volumes.Count)} {JoinQuote(volumes)}");
    }

    private static CheckResult? HostPorts(PodSpecView pod)
    {
        var bad = new List<string>();
        var ports = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var c in pod.Containers)
        {
            var used = (c["ports"]?.AsArray() ?? []).Select(p => p?["hostPort"]?.ToString() ?? "0").Where(p => p != "0").ToList();
            if (used.Count == 0) continue;
            bad.Add(Name(c));
            ports.UnionWith(used);
        }
        return bad.Count == 0 ? null : new("hostPort",
            $"{ContainersPhrase(bad)} {Plural("uses", "use", bad.Count)} {Plural("hostPort", "hostPorts", ports.Count)} {string.Join(", ", ports)}");
    }

    private static CheckResult? Privileged(PodSpecView pod)
    {
        var bad = pod.Containers.Where(c => Bool(c["securityContext"]?["privileged"]) == true).Select(Name).ToList();
        return bad.Count == 0 ? null : new("privileged", $"{ContainersPhrase(bad)} must not set securityContext.privileged=true");
    }

    private static CheckResult? ProcMount(PodSpecView pod)
    {
        var bad = pod.Containers.Where(c => c["securityContext"]?["procMount"]?.ToString() is { } m && m != "Default").ToList();
        var types = bad.Select(c => c["securityContext"]!["procMount"]!.ToString()).Distinct().Order(StringComparer.Ordinal);
        return bad.Count == 0 ? null : new("procMount", $"{ContainersPhrase(bad.Select(Name).ToList())} must not set securityContext.procMount to {JoinQuote(types)}");
    }

    private static CheckResult? SeLinuxOptions(PodSpecView pod)
    {
        var types = new SortedSet<string>(StringComparer.Ordinal);
        var (user, role) = (false, false);
        bool Ok(JsonNode o)
        {
            var ok = true;
            var type = o["type"]?.ToString() ?? "";
            if (!SeLinuxTypes.Contains(type)) { ok = false; types.Add(type); }
            if (!string.IsNullOrEmpty(o["user"]?.ToString())) { ok = false; user = true; }
            if (!string.IsNullOrEmpty(o["role"]?.ToString())) { ok = false; role = true; }
            return ok;
        }
        var setters = new List<string>();
        if (pod.PodSecurityContext?["seLinuxOptions"] is { } p && !Ok(p)) setters.Add("pod");
        var bad = pod.Containers.Where(c => c["securityContext"]?["seLinuxOptions"] is { } o && !Ok(o)).Select(Name).ToList();
        if (bad.Count > 0) setters.Add(ContainersPhrase(bad));
        if (setters.Count == 0) return null;
        var data = new List<string>();
        if (types.Count > 0) data.Add($"{Plural("type", "types", types.Count)} {JoinQuote(types)}");
        if (user) data.Add("user may not be set");
        if (role) data.Add("role may not be set");
        return new("seLinuxOptions", $"{string.Join(" and ", setters)} set forbidden securityContext.seLinuxOptions: {string.Join("; ", data)}");
    }

    private static CheckResult? SeccompProfileBaseline(PodSpecView pod) => SeccompChecks.Explicit(pod);

    private static CheckResult? Sysctls(PodSpecView pod)
    {
        var bad = (pod.PodSecurityContext?["sysctls"]?.AsArray() ?? []).Select(s => s?["name"]?.ToString() ?? "").Where(n => !SafeSysctls.Contains(n)).ToList();
        return bad.Count == 0 ? null : new("forbidden sysctls", string.Join(", ", bad));
    }

    private static CheckResult? WindowsHostProcess(PodSpecView pod)
    {
        var setters = new List<string>();
        if (Bool(pod.PodSecurityContext?["windowsOptions"]?["hostProcess"]) == true) setters.Add("pod");
        var bad = pod.Containers.Where(c => Bool(c["securityContext"]?["windowsOptions"]?["hostProcess"]) == true).Select(Name).ToList();
        if (bad.Count > 0) setters.Add(ContainersPhrase(bad));
        return setters.Count == 0 ? null : new("hostProcess", $"{string.Join(" and ", setters)} must not set securityContext.windowsOptions.hostProcess=true");
    }

    private static string Quote(string s) => Http.FieldError.Quote(s);
}
