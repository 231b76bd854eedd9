using InferenceBox.Platform.Emulator.Admission.PodSecurity;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>
/// Every namespace the platform owns enforces a Pod Security Standard (issue 19 item 8): the namespaces the lock's charts
/// and releases install into and those our manifests put objects in each have a Namespace manifest labelled
/// <c>pod-security.kubernetes.io/enforce</c>; a level below restricted names its reason in annotation <see cref="ReasonAnnotation"/>
/// (a namespace without the label is privileged: kubernetes/pod-security-admission@v0.32.5 api/helpers.go).
/// </summary>
public static class NamespaceSecurityCheck
{
    public const string ReasonAnnotation = "inferencebox.io/pod-security-reason";

    /// <summary>Namespaces kind's cluster brings (kubeadm's and kind's own pods): not ours to label.</summary>
    private static readonly HashSet<string> SystemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease", "local-path-storage"];

    public static IEnumerable<ValidationError> Run(IReadOnlyList<ManifestObject> objects, VersionLock versionLock)
    {
        var declared = objects.Where(o => o is { Kind: "Namespace", ApiVersion: "v1", Name: not null }).GroupBy(o => o.Name!).ToDictionary(g => g.Key, g => g.First());
        var owners = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (release, pin) in versionLock.Charts.Where(p => p.Value.Namespace is { Length: > 0 }))
            owners.TryAdd(pin.Namespace, $"chart {pin.Chart} (release {release}) installs into it");
        foreach (var release in versionLock.Releases.Keys)
            foreach (var pod in ChartRequests.ForRelease(release))
                owners.TryAdd(pod.Namespace, $"release {release} runs {pod.Component} there");
        foreach (var o in objects.Where(o => o.Namespace is not null))
            owners.TryAdd(o.Namespace!, $"{o.Identity} ({o.File}) is there");
        foreach (var name in declared.Keys) owners.TryAdd(name, "we declare it");

        foreach (var (name, why) in owners.Where(n => !SystemNamespaces.Contains(n.Key)))
        {
            if (!declared.TryGetValue(name, out var ns))
            {
                yield return new("platform/namespaces/", null, null,
                    $"namespace {name} ({why}) has no Namespace manifest, so nothing enforces a Pod Security Standard there: add one labelled " +
                    $"{PodSecurityAdmission.EnforceLabel}: restricted (or a lower level with its reason in annotation {ReasonAnnotation})");
                continue;
            }
            var label = Nodes.Text(ns.Body["metadata"]?["labels"]?[PodSecurityAdmission.EnforceLabel]);
            var path = $".metadata.labels[\"{PodSecurityAdmission.EnforceLabel}\"]";
            if (PodSecurityAdmission.ParseLevel(label) is not { } level)
                yield return Nodes.Error(ns, path, $"{(label is null ? "missing" : $"\"{label}\" is not a level")}, so pods in {name} are admitted as privileged: " +
                                                   "set restricted (or baseline/privileged with the reason in annotation " + ReasonAnnotation + ")");
            else if (level != PodSecurityAdmission.Level.Restricted && Nodes.Text(ns.Body["metadata"]?["annotations"]?[ReasonAnnotation]) is not { Length: > 0 })
                yield return Nodes.Error(ns, $".metadata.annotations[\"{ReasonAnnotation}\"]",
                    $"{name} enforces only {label}: say why restricted cannot hold there in this annotation, or enforce restricted");
        }
    }
}
