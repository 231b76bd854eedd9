using InferenceBox.Platform.Progress;
using InferenceBox.Platform.Provisioning;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Tests.Provisioning;

/// <summary>A throwaway repo (lock + a few manifests), a kubeconfig, and a Provisioner wired to recording fakes.</summary>
public sealed class PlatformFixture : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("ibx-platform-").FullName;
    public RecordingToolRunner Tools { get; } = new();
    public RecordingClusterPort Cluster { get; } = new();
    public RecordingProgress Progress { get; } = new();
    public RecordingWeights Weights { get; }

    public static readonly Dictionary<string, (string Chart, string Ns, string Version)> Charts = new()
    {
        ["istio-base"] = ("base", "istio-system", "1.26.2"), ["istio-cni"] = ("cni", "istio-system", "1.26.2"), ["istiod"] = ("istiod", "istio-system", "1.26.2"),
        ["istio-ingressgateway"] = ("gateway", "istio-system", "1.26.2"), ["cert-manager"] = ("cert-manager", "cert-manager", "v1.18.2"),
        ["kserve-crd"] = ("kserve-crd", "kserve", "v0.15.2"), ["kserve"] = ("kserve", "kserve", "v0.15.2"),
        ["envoy-gateway"] = ("gateway-helm", "envoy-gateway-system", "v1.4.2"), ["ai-gateway-crds"] = ("ai-gateway-crds-helm", "envoy-ai-gateway-system", "v0.2.1"),
        ["ai-gateway"] = ("ai-gateway-helm", "envoy-ai-gateway-system", "v0.2.1"), ["kube-prometheus-stack"] = ("kube-prometheus-stack", "monitoring", "75.6.0"),
        ["kiali"] = ("kiali-server", "istio-system", "2.11.0"),
    };

    public PlatformFixture()
    {
        var charts = string.Join("\n", Charts.Select(c => $"  {c.Key}: {{chart: {c.Value.Chart}, repo: \"oci://example.test/charts\", " +
            $"version: \"{c.Value.Version}\", namespace: {c.Value.Ns}, sha256: {ChartSha(c.Key)}}}"));
        string Release(string version, string file) =>
            $"{{version: {version}, urls: [https://example.test/{file}], sha256: {{{file}: {ReleaseSha("https://example.test/" + file)}}}}}";
        Write("manifests/versions.yaml", $"""
            kubernetes: {"{"}version: v1.33.1{"}"}
            kind: {"{"}version: v0.29.0, nodeImage: "kindest/node:v1.33.1@sha256:abc"{"}"}
            charts:
            {charts}
            releases:
              knative-serving-crds: {Release("knative-v1.18.1", "serving-crds.yaml")}
              knative-serving-core: {Release("knative-v1.18.1", "serving-core.yaml")}
              ai-gateway-envoy-gateway-rbac: {Release("v0.2.1", "rbac.yaml")}
              net-istio: {Release("knative-v1.18.1", "net-istio.yaml")}
            localImages: {"{"}kind.local/inferencebox/jwt-issuer: 0.1.0{"}"}
            weights:
              tiny: {"{"}file: tiny.gguf, url: "https://example.test/tiny.gguf", size: 1, sha256: "{new string('0', 64)}"{"}"}
            """);
        Weights = new RecordingWeights(Path.Combine(Root, "weights"));
        Write("manifests/kind/cluster.yaml", "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n");
        Write("manifests/issuer/issuer.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: jwt-issuer, namespace: auth-system}\n");
        Write("manifests/tenants/tenant-a/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: tenant-a}\n");
        Write("manifests/inference/tenant-a/sklearn-iris.yaml",
            "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: sklearn-iris, namespace: tenant-a}\nspec: {predictor: {minReplicas: 0}}\n");
        Write("manifests/inference/canary/sklearn-iris-v2.yaml",
            "apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: sklearn-iris, namespace: tenant-a}\n");
        Write("manifests/tls/gateway-certificate.yaml",
            "apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: inference-gateway-tls, namespace: envoy-gateway-system}\n");
        Write("manifests/gateway/gateway.yaml",
            "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: inference-gateway, namespace: envoy-gateway-system}\n");
        Write("manifests/platform/namespaces/monitoring.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: monitoring}\n");
        Write("manifests/platform/knative/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: knative-serving, labels: {istio-injection: enabled}}\n");
        Write("manifests/platform/knative/config-domain.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-domain, namespace: knative-serving}\ndata: {example.com: \"\"}\n");
        Write("manifests/platform/observability/jaeger.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: jaeger, namespace: istio-system}\n");
        Write("manifests/dashboards/platform.json", """{"title":"Platform"}""");
        Write("kubeconfig", """
            apiVersion: v1
            kind: Config
            clusters:
            - {name: kind, cluster: {server: "https://127.0.0.1:6443"}}
            - {name: staging, cluster: {server: "https://staging.example.test"}}
            users: [{name: u, user: {token: not-a-real-token}}]
            contexts:
            - {name: kind-inference-in-a-box, context: {cluster: kind, user: u}}
            - {name: staging, context: {cluster: staging, user: u}}
            current-context: kind-inference-in-a-box
            """);
        Settings = new InferenceBoxSettings
        {
            Kubeconfig = Path.Combine(Root, "kubeconfig"), ResultsDir = Path.Combine(Root, "results"),
            ToolsCacheDir = Path.Combine(Root, "cache", "tools"),
        };
    }

    public InferenceBoxSettings Settings { get; set; }
    public string ResultsDir => Settings.ResultsDir;

    public Provisioner Provisioner(string runId = "run-now") =>
        new(new RunContext(Settings, Progress, runId, Settings.ResultsDir), new ProvisionerOptions
        {
            RepoRoot = Root, Tools = Tools, Cluster = () => Cluster, HostPorts = new Dictionary<int, string>(), Http = Http, Weights = Weights,
        });

    /// <summary>Serves the fixture's release files for https://example.test/ in memory; any other URL goes out for real (loopback).</summary>
    public HttpClient Http { get; } = new(new ExampleReleases());

    /// <summary>The SHA-256 of what the fake helm pulls for a fixture chart, as the fixture's lock pins it.</summary>
    public static string ChartSha(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            RecordingToolRunner.PulledBytes("oci://example.test/charts/" + Charts[key].Chart, Charts[key].Version)));

    public static byte[] ReleaseBytes(string url) => System.Text.Encoding.UTF8.GetBytes($"# release file {url}\n");

    public static string ReleaseSha(string url) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ReleaseBytes(url)));

    private sealed class ExampleReleases() : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            request.RequestUri!.Host == "example.test"
                ? Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(ReleaseBytes(request.RequestUri.ToString())) })
                : base.SendAsync(request, ct);
    }

    /// <summary>Makes the fakes describe a healthy, fully provisioned platform.</summary>
    public void MakeWarm(string keyFile)
    {
        Tools.ClusterExists = true;
        Weights.Ensured.Add("tiny");
        foreach (var (release, chart) in Charts) Tools.Deployed[release == "kube-prometheus-stack" ? "prometheus" : release] = $"{chart.Chart}-{chart.Version}";
        Cluster.EverythingReady = true;
        Cluster.ObjectsExist = true;
        Cluster.Secrets["auth-system/jwt-issuer-signing-key"] = "pem";
        Cluster.Secrets[$"monitoring/{InferenceBox.Platform.Observability.GrafanaCredentials.SecretName}"] = "generated";
        foreach (var tenant in PlatformTenants.All) Cluster.Secrets[$"{tenant}/jwt-issuer-client"] = "secret-" + tenant;
        Cluster.Secrets["auth-system/jwt-issuer-clients"] = InferenceBox.Platform.Tokens.ClientRegistrations.ClientsJson(
            PlatformTenants.All.Select(t => (t, (IReadOnlyList<string>)["secret-" + t])));
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("config"u8))[..16];
        Cluster.Annotations[$"envoy-gateway-system/envoy-gateway/{InferenceBox.Platform.Provisioning.Phases.AiGatewayPhase.ConfigHashAnnotation}"] = hash;
        File.WriteAllText(keyFile, "pem");
    }

    /// <summary>models/: tenant-a's sklearn-iris v1, its artifact holding <paramref name="artifact"/>, catalogued with <paramref name="catalogSha256"/>.</summary>
    public void WriteModels(byte[] artifact, string catalogSha256) => Models.CatalogFiles.Write(Root, "sklearn-iris", "v1", artifact, catalogSha256);

    /// <summary>Rewrites the fixture's manifests/versions.yaml (a checksum, a URL) before the provisioner reads it.</summary>
    /// <summary>The fixture's manifests/versions.yaml as the provisioner reads it.</summary>
    public VersionLock Lock => VersionLock.Load(Path.Combine(ManifestFiles.FolderOf(Root), VersionLock.FileName));

    public void EditLock(Func<string, string> edit)
    {
        var path = Path.Combine(ManifestFiles.FolderOf(Root), "versions.yaml");
        File.WriteAllText(path, edit(File.ReadAllText(path)));
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Dispose()
    {
        Http.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
