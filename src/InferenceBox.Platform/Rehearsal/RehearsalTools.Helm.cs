using System.Text.Json;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Provisioning.Ports;
using k8s;

namespace InferenceBox.Platform.Rehearsal;

// helm and kubectl as the provisioner calls them (HelmReleasePhase, GatewayApiCrdsPhase, ReleaseUrlsPhase).
public sealed partial class RehearsalTools
{
    /// <summary>
    /// <c>helm upgrade --install &lt;release&gt; &lt;archive.tgz&gt; -n NS [--create-namespace] [-f values]</c> (or a chart
    /// name with <c>--version V</c>): the namespace; the CRDs of the chart's crds/ folders, each created unless it exists
    /// and waited on until established (helm/helm@v3.18.4 pkg/action/install.go, <c>installCRDs</c>: "CRD ... is already
    /// present. Skipping."); then its CRDs from templates and its objects, all marked as helm marks them, under field
    /// manager "helm". From an archive, the chart and version are the ones in its Chart.yaml, as helm reads them.
    /// </summary>
    private async Task<ToolResult> HelmUpgradeAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var release = args[2];
        var ns = Option(args, "-n") ?? "default";
        var (chart, version) = Chart(args, 3);
        var values = Option(args, "-f") is { } file ? YamlJson.ParseAll(File.ReadAllText(file), file).FirstOrDefault()?.Node as JsonObject : null;
        var r = new HelmRelease(chart, release, ns, version, values ?? new JsonObject());
        if (args.Contains("--create-namespace"))
            await ApplyAsync("helm", [ManifestObject.Built(StandInObjects.Namespace(ns), $"helm upgrade --install {release} --create-namespace")], ct);
        var crds = Crds(ChartContents.Crds(r));
        var created = ChartContents.CrdsInCrdsFolder(r.Chart) ? await CreateMissingCrdsAsync(crds, ct) : 0;
        var objects = ChartContents.Objects(r).Select(o => ManifestObject.Built(StandInObjects.AsHelmRelease(o, release, ns),
            $"helm release {release} (chart {r.Chart} {version})")).ToList();
        await ApplyAsync("helm", ChartContents.CrdsInCrdsFolder(r.Chart) ? objects : [.. crds, .. objects], ct);
        _releases[release] = $"{r.Chart}-{version}";
        var crdCount = ChartContents.CrdsInCrdsFolder(r.Chart) ? $"{created} of its {crds.Count} CRDs created (the others existed)" : $"{crds.Count} CRDs";
        return Ok(Say($"helm upgrade --install {release} ({r.Chart} {version}) in {ns}: {crdCount}, {objects.Count} objects " +
                      $"[{string.Join(", ", objects.Select(o => o.Identity))}]"));
    }

    /// <summary>Creates each CRD that does not exist yet (POST, as helm's Create), then waits until those are established.</summary>
    private async Task<int> CreateMissingCrdsAsync(IReadOnlyList<ManifestObject> crds, CancellationToken ct)
    {
        ledger?.Applying(crds);
        var created = new List<ManifestObject>();
        foreach (var crd in crds)
        {
            try
            {
                await Api.Client.CustomObjects.CreateClusterCustomObjectAsync(crd.Body, "apiextensions.k8s.io", "v1", "customresourcedefinitions",
                    fieldManager: "helm", cancellationToken: ct);
                created.Add(crd);
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict) { }
            catch (k8s.Autorest.HttpOperationException e)
            {
                throw new Cluster.ApplyFailedException(crd.Identity, crd.Where, Cluster.ApiStatus.From(e).ToString(), e);
            }
        }
        foreach (var crd in created)
        {
            var established = new CrdEstablished(crd.Name!);
            await Api.WaitAsync(established, established.BudgetName, budgets[established.BudgetName], ct);
        }
        return created.Count;
    }

    /// <summary><c>helm list -n NS --filter ^release$ -o json</c>, for the releases this rehearsal installed.</summary>
    private string HelmList(IReadOnlyList<string> args)
    {
        var release = (Option(args, "--filter") ?? "").Trim('^', '$');
        return _releases.TryGetValue(release, out var chart)
            ? JsonSerializer.Serialize(new[] { new { name = release, status = "deployed", chart } })
            : "[]";
    }

    /// <summary><c>helm show crds &lt;archive.tgz&gt;</c> (or <c>&lt;chart&gt; --version V</c>): the chart's CRDs as YAML documents.</summary>
    private Task<string> HelmShowCrdsAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var (chart, version) = Chart(args, 2);
        var crds = Crds(ChartContents.Crds(new HelmRelease(chart, chart, "", version, new JsonObject())));
        if (crds.Count == 0) throw new InvalidOperationException($"The rehearsal knows no CRDs of chart {chart}.");
        Say($"helm show crds {chart}: {crds.Count} CRDs from the pinned schemas");
        return Task.FromResult(string.Join("\n---\n", crds.Select(c => c.Json)));
    }

    /// <summary><c>kubectl apply --server-side ... --field-manager M -f &lt;file or url&gt;</c>: what that release file creates.</summary>
    private async Task<ToolResult> KubectlApplyAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var url = Option(args, "-f") ?? throw new ArgumentException("kubectl apply without -f");
        var contents = ReleaseContents.For(url);
        var objects = Crds(contents.Crds).Concat(contents.Objects.Select(o => ManifestObject.Built(o, url))).ToList();
        await ApplyAsync(Option(args, "--field-manager") ?? "kubectl", objects, ct);
        return Ok(Say($"kubectl apply -f {url}: {objects.Count} objects"));
    }

    /// <summary>
    /// The chart and version helm would install: a local archive's Chart.yaml; else an OCI reference's last segment, or
    /// the argument itself, with <c>--version</c>.
    /// </summary>
    private static (string Chart, string Version) Chart(IReadOnlyList<string> args, int index) =>
        File.Exists(args[index]) ? StandInArtifacts.ReadChart(args[index])
        : (args[index].StartsWith("oci://", StringComparison.Ordinal) ? args[index].TrimEnd('/').Split('/')[^1] : args[index], Option(args, "--version") ?? "");

    private static string? Option(IReadOnlyList<string> args, string name) =>
        args.ToList().IndexOf(name) is var i and >= 0 && i + 1 < args.Count ? args[i + 1] : null;
}
