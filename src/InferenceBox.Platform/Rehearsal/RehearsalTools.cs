using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Settings;

namespace InferenceBox.Platform.Rehearsal;

/// <summary>
/// kind, helm, kubectl, docker and dotnet replaced at the process boundary by stand-ins that do to the API what the
/// tool would do (see <see cref="ChartContents"/> and <see cref="ReleaseContents"/>); nothing runs in containers.
/// <c>kind create cluster</c> starts the API server emulator (<paramref name="startCluster"/>) and writes its
/// kubeconfig where kind would (<paramref name="kubeconfigPath"/>), with the context kind names.
/// helm and kubectl get the verified local chart archives and release files, as the real tools do: give the provisioner
/// <see cref="StandInArtifacts.Store"/> (ProvisionerOptions.Artifacts), which has no network to download from.
/// </summary>
public sealed partial class RehearsalTools(Func<CancellationToken, Task<Uri>> startCluster, string kubeconfigPath, Schemas.SchemaStore schemas,
    IProgressChannel progress, Waiting.WaitBudgets budgets, RehearsalLedger? ledger = null) : IToolRunner
{
    public const string Phase = "stand-in";
    private readonly ConcurrentDictionary<string, string> _releases = new(); // release -> chart-version, as `helm list` shows
    private readonly SemaphoreSlim _once = new(1, 1);
    private ClusterApi? _api;

    public async Task<ToolResult> RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct,
        string? standardInput = null)
    {
        try
        {
            return (tool, arguments.FirstOrDefault()) switch
            {
                ("kind", "get") => Ok(_api is null ? "No kind clusters found.\n" : InferenceBoxSettings.ClusterName + "\n"),
                ("kind", "create") => await CreateClusterAsync(ct),
                ("kind", "load") => Ok(Say($"kind load {string.Join(' ', arguments.Skip(2))}: no node to load into; skipped")),
                ("kind", "delete") => Ok(""),
                ("docker", "build") or ("dotnet", "publish") => Ok(Say($"{tool} {arguments[0]}: no image is built in a rehearsal; skipped")),
                ("helm", "list") => Ok(HelmList(arguments)),
                ("helm", "show") => Ok(await HelmShowCrdsAsync(arguments, ct)),
                ("helm", "upgrade") => await HelmUpgradeAsync(arguments, ct),
                ("kubectl", "apply") => await KubectlApplyAsync(arguments, ct),
                _ => new ToolResult(1, "", $"The rehearsal has no stand-in for `{tool} {string.Join(' ', arguments)}`."),
            };
        }
        catch (ApplyFailedException e)
        {
            // What the real tool would print: the server's refusal of one of its objects.
            return new ToolResult(1, "", e.Message);
        }
    }

    private async Task<ToolResult> CreateClusterAsync(CancellationToken ct)
    {
        await _once.WaitAsync(ct);
        try
        {
            if (_api is not null) return new ToolResult(1, "", $"ERROR: failed to create cluster: node(s) already exist for a cluster with the name \"{InferenceBoxSettings.ClusterName}\"");
            var url = await startCluster(ct);
            WriteKubeconfig(kubeconfigPath, url);
            _api = new ClusterApi(KubeClientFactory.Create(kubeconfigPath, InferenceBoxSettings.KindContext), budgets);
            return Ok(Say($"kind create cluster: API server emulator at {url}, context {InferenceBoxSettings.KindContext} in {kubeconfigPath}"));
        }
        finally { _once.Release(); }
    }

    private ClusterApi Api => _api ?? throw new InvalidOperationException("No cluster: `kind create cluster` has not run in this rehearsal.");

    /// <summary>
    /// The file kind writes (kubernetes-sigs/kind@v0.29.0 pkg/cluster/internal/kubeconfig): cluster, user and context
    /// kind-&lt;name&gt;. Kind's user holds a client certificate; the emulator serves plain HTTP and authenticates nobody, but
    /// KubernetesClient refuses a user without credentials (kubernetes-client/csharp
    /// src/KubernetesClient/KubernetesClientConfiguration.ConfigFile.cs, SetUserDetails), so the user has a token nothing checks.
    /// </summary>
    public static void WriteKubeconfig(string kubeconfigPath, Uri url)
    {
        var name = InferenceBoxSettings.KindContext;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(kubeconfigPath))!);
        File.WriteAllText(kubeconfigPath, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {name}
              cluster: {JsonSerializer.Serialize(new { server = url.ToString().TrimEnd('/') })}
            users:
            - name: {name}
              user: {"{token: rehearsal-unchecked}"}
            contexts:
            - name: {name}
              context: {JsonSerializer.Serialize(new { cluster = name, user = name })}
            current-context: {name}
            """);
    }

    private async Task ApplyAsync(string manager, IReadOnlyList<ManifestObject> objects, CancellationToken ct)
    {
        ledger?.Applying(objects);
        var api = new ClusterApi(Api.Client, budgets, fieldManager: manager);
        await api.ApplyAsync(objects, ct);
    }

    /// <summary>The CRDs of pinned schema files or folders, as the tool would send them (read once, when the schemas were opened).</summary>
    private IReadOnlyList<ManifestObject> Crds(IEnumerable<string> sources) =>
        sources.SelectMany(source => schemas.CustomResourceDefinitions(source) is { Count: > 0 } crds ? crds
            : throw new InvalidOperationException($"The pinned schemas in {schemas.Root} hold no CRD at {source}.")).Select(WithoutTemplateLabels).ToList();

    /// <summary>cert-manager's CRD files are chart sources whose labels are still template text: drop those, helm would render them.</summary>
    private static ManifestObject WithoutTemplateLabels(ManifestObject crd)
    {
        if (crd.Body["metadata"]?["labels"] is JsonObject labels)
            foreach (var key in labels.Where(l => l.Value?.ToString().Contains("{{", StringComparison.Ordinal) == true).Select(l => l.Key).ToList())
                labels.Remove(key);
        return crd;
    }

    private string Say(string line)
    {
        progress.Report(new ProgressEvent(ProgressKind.Info, Phase, line));
        return line + "\n";
    }

    private static ToolResult Ok(string output) => new(0, output, "");
}
