using System.Security.Cryptography;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Provisioning;
using InferenceBox.Platform.Provisioning.Phases;
using InferenceBox.Platform.Waiting;
using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Tests.Provisioning;

public sealed class PhaseDetailTests : IDisposable
{
    private readonly PlatformFixture _f = new();

    private IssuerPhase Issuer() => new(new ProvisionContext(_f.Settings, _f.Lock, _f.Tools, _f.Cluster, new WaitBudgets(), _f.Root,
        Path.Combine(_f.Root, "state")), "cluster");

    [Fact]
    public async Task The_issuer_key_is_generated_once_stored_in_a_Secret_and_written_owner_only()
    {
        var issuer = Issuer();
        await issuer.RunAsync(TestContext.Current.CancellationToken);

        var keyFile = Path.Combine(_f.Root, "state", "keys", "jwt-issuer-signing-key.pem");
        var pem = File.ReadAllText(keyFile);
        using (var rsa = RSA.Create()) rsa.ImportFromPem(pem); // a real PKCS#8 RSA key
        pem.Should().StartWith("-----BEGIN PRIVATE KEY-----");
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(keyFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var secret = JsonNode.Parse(_f.Cluster.Secrets["auth-system/jwt-issuer-signing-key"])!;
        System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(secret["data"]!["signing-key.pem"]!.ToString())).Should().Be(pem);
        _f.Tools.Commands.Should().Contain("kind load docker-image kind.local/inferencebox/jwt-issuer:0.1.0 --name inference-in-a-box");
    }

    [Fact]
    public async Task An_existing_issuer_key_is_kept()
    {
        _f.Cluster.Secrets["auth-system/jwt-issuer-signing-key"] = "-----BEGIN PRIVATE KEY-----\nkept\n-----END PRIVATE KEY-----\n";

        await Issuer().RunAsync(TestContext.Current.CancellationToken);

        File.ReadAllText(Path.Combine(_f.Root, "state", "keys", "jwt-issuer-signing-key.pem")).Should().Contain("kept");
        _f.Cluster.Applied.Should().NotContain("Secret auth-system/jwt-issuer-signing-key");
    }

    [Fact]
    public void Manifests_keep_numbers_numbers_and_quoted_strings_strings()
    {
        var objects = ManifestLoader.Parse("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a, namespace: n}
            data: {window: "6", enabled: "true"}
            ---
            # comment-only documents are skipped
            ---
            apiVersion: serving.kserve.io/v1beta1
            kind: InferenceService
            metadata: {name: m, namespace: t}
            spec: {predictor: {minReplicas: 0, maxReplicas: 2, enabled: true}}
            """, "test.yaml");

        objects.Select(o => o.Identity).Should().Equal("ConfigMap n/a", "InferenceService t/m");
        objects[0].Body["data"]!["window"]!.GetValueKind().Should().Be(System.Text.Json.JsonValueKind.String);
        var predictor = objects[1].Body["spec"]!["predictor"]!;
        predictor["maxReplicas"]!.GetValue<long>().Should().Be(2);
        predictor["enabled"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void A_manifest_without_a_name_is_refused_with_file_and_document() =>
        FluentActions.Invoking(() => ManifestLoader.Parse("apiVersion: v1\nkind: Namespace\nmetadata: {}\n", "ns.yaml"))
            .Should().Throw<InvalidDataException>().WithMessage("ns.yaml document 1 (line 1): missing metadata.name.");

    [Fact]
    public void Only_the_KServe_webhook_not_ready_fault_is_retried()
    {
        ModelsPhase.IsWebhookNotReady(new InvalidOperationException("Applying InferenceService tenant-a/sklearn-iris failed: InternalError " +
            "failed calling webhook \"inferenceservice.kserve-webhook-server.defaulter\": ... no endpoints available for service \"kserve-webhook-server-service\""))
            .Should().BeTrue();
        ModelsPhase.IsWebhookNotReady(new InvalidOperationException("UnprocessableEntity: spec.predictor.minReplicas: Invalid value")).Should().BeFalse();
    }

    // The API server's text for a webhook it could not call (kubernetes staging/src/k8s.io/apiserver/pkg/util/webhook/error.go
    // ErrCallingWebhook; .../admission/plugin/webhook/mutating/dispatcher.go "failed to call webhook: %w") around Go's dialer
    // and TLS errors: the webhook's endpoint is ready before its server listens, or its CA is not injected yet.
    [Theory]
    [InlineData("dial tcp 10.96.57.10:443: connect: connection refused")]
    [InlineData("tls: failed to verify certificate: x509: certificate signed by unknown authority")]
    public void Webhook_faults_before_the_webhook_serves_are_retried(string cause) =>
        ModelsPhase.IsWebhookNotReady(new InvalidOperationException("Applying InferenceService tenant-a/sklearn-iris failed: 500 InternalError: " +
            "Internal error occurred: failed calling webhook \"inferenceservice.kserve-webhook-server.defaulter\": failed to call webhook: Post " +
            "\"https://kserve-webhook-server-service.kserve.svc:443/mutate-serving-kserve-io-v1beta1-inferenceservice?timeout=10s\": " + cause))
            .Should().BeTrue();

    [Fact]
    public void A_connection_refused_by_anything_but_a_webhook_call_is_not_a_webhook_fault() =>
        ModelsPhase.IsWebhookNotReady(new HttpRequestException("Connection refused (127.0.0.1:6443)")).Should().BeFalse();

    [Theory]
    [InlineData("prometheus", "prometheus-kube-prometheus")]
    [InlineData("kube-prometheus-stack", "kube-prometheus-stack")]
    public void Kube_prometheus_stack_names_follow_the_charts_fullname_rule(string release, string fullname) =>
        PlatformPhases.KubePrometheusStackFullname(release).Should().Be(fullname);

    [Fact]
    public void Helm_addresses_oci_and_https_charts_as_helm_expects()
    {
        HelmReleasePhase.ChartReference(new VersionLock.ChartEntry { Chart = "kserve", Repo = "oci://ghcr.io/kserve/charts/kserve" })
            .Should().Equal("oci://ghcr.io/kserve/charts/kserve");
        HelmReleasePhase.ChartReference(new VersionLock.ChartEntry { Chart = "base", Repo = "https://istio-release.storage.googleapis.com/charts" })
            .Should().Equal("base", "--repo", "https://istio-release.storage.googleapis.com/charts");
        // The install itself names the verified archive, never the repository (issue 19 item 11).
        HelmReleasePhase.UpgradeInstallArguments("istiod", "/cache/charts/istiod/1.26.2/istiod-1.26.2.tgz",
                new VersionLock.ChartEntry { Chart = "istiod", Repo = "https://r", Version = "1.26.2", Namespace = "istio-system" }, "/nope.yaml")
            .Should().Equal("upgrade", "--install", "istiod", "/cache/charts/istiod/1.26.2/istiod-1.26.2.tgz", "-n", "istio-system", "--create-namespace");
    }

    public void Dispose() => _f.Dispose();
}
