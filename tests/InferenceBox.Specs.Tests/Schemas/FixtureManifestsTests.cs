using InferenceBox.Platform.Schemas;
using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Emulator.Admission;

namespace InferenceBox.Specs.Tests.Schemas;

/// <summary>The validator on small fixture folders against the real pinned schemas: the valid one passes, each broken one fails where it is broken.</summary>
public sealed class FixtureManifestsTests
{
    /// <summary>Every check on the valid fixture with the semantic fixture <paramref name="fixture"/> laid over it.</summary>
    private static Task<ValidationReport> Semantic(string fixture) =>
        ManifestValidation.ValidateAsync(TestPaths.ComposeFixture(Path.Combine("semantic", fixture)), TestPaths.PinnedStore, TestContext.Current.CancellationToken);

    [Fact]
    public async Task ValidFixturePassesEveryCheck()
    {
        var report = await ManifestValidation.ValidateAsync(TestPaths.ComposeFixture(null), TestPaths.PinnedStore, TestContext.Current.CancellationToken);

        report.IsValid.Should().BeTrue(report.ToString());
        // Per tenant: 6 tenancy objects, 3 gateway objects, 1 model, 3 NetworkPolicies; GatewayClass, Gateway, EnvoyProxy,
        // ReferenceGrant; the AI gateway's EnvoyProxy, Gateway, its route's 3 objects, its rate limit and its model; issuer Deployment and
        // Service; the canary; tenant-a's models PV; knative-serving's 2 PeerAuthentications and the activator's policy; the
        // Istio ingress gateway's NetworkPolicy; the platform's 6 Namespaces and Knative's config-features; TLS at the edge:
        // 2 ClusterIssuers, 3 Certificates (the CA, both gateways) and the redirect route.
        report.ObjectCount.Should().Be(3 * 6 + 3 * 3 + 3 + 3 * 3 + 4 + 7 + 2 + 1 + 1 + 3 + 1 + 6 + 1 + 6);
        report.Notes.Should().ContainSingle(n => n.Contains("CEL rules") && n.Contains("NOT checked"));
    }

    [Theory]
    [InlineData("wrong-type", "issuer/issuer.yaml", "Deployment auth-system/jwt-issuer (document 1, line 1)", ".spec.replicas", "should be \"integer\"")]
    [InlineData("unknown-field", "gateway/tenant-a.yaml", "HTTPRoute tenant-a/tenant-a (document 1, line 1)", ".spec.rules[0].backendRef", "unknown field")]
    [InlineData("missing-required", "issuer/issuer.yaml", "Deployment auth-system/jwt-issuer (document 1, line 1)", ".spec.template.spec.containers[0].name", "required field is missing")]
    [InlineData("custom-resource-metadata", "inference/tenant-a/sklearn-iris.yaml", "InferenceService tenant-a/sklearn-iris (document 1, line 1)", ".metadata.labels.version", "should be \"string\"")]
    [InlineData("enum-value", "tenants/tenant-a/peer-authentication.yaml", "PeerAuthentication tenant-a/default (document 1, line 1)", ".spec.mtls.mode", "allowed: \"UNSET\", \"DISABLE\", \"PERMISSIVE\", \"STRICT\"")]
    [InlineData("unknown-kind", "gateway/backend-security.yaml", "BackendSecurityPolicy envoy-ai-gateway-system/openai-key (document 1, line 2)", null, "unknown kind: no pinned schema for gateway.envoyproxy.io/v1alpha1 BackendSecurityPolicy")]
    public void SchemaErrorNamesFileObjectAndFieldPath(string fixture, string file, string obj, string? path, string message)
    {
        var report = ManifestValidation.ValidateSchemas(Path.Combine(TestPaths.Fixtures, "schema", fixture, "manifests"), TestPaths.PinnedStore,
            TestContext.Current.CancellationToken);

        report.Errors.Should().ContainSingle(report.ToString());
        var error = report.Errors[0];
        (error.File, error.Object, error.Path).Should().Be((file, obj, path));
        error.Message.Should().Contain(message);
    }

    /// <summary>The AI route on the model gateway is wrong twice: its extension would break the other routes, and the model gateway's
    /// plain HTTP listener (from: Same) would serve its generated route, which names no listener, in clear. Both are said.</summary>
    [Fact]
    public async Task An_AI_route_on_the_model_gateway_is_refused_for_its_extension_and_for_plain_HTTP()
    {
        var report = await Semantic("ai-route-on-inference-gateway");

        report.Errors.Select(e => (e.File, e.Object, e.Path)).Should().BeEquivalentTo(new[]
        {
            ("gateway/ai-gateway.yaml", "AIGatewayRoute envoy-gateway-system/openai (document 3, line 35)", ".spec.targetRefs[0]"),
            ("gateway/gateway.yaml", "Gateway envoy-gateway-system/inference-gateway (document 2, line 9)", ".spec.listeners[0]"),
        }, report.ToString());
        report.Errors[0].Message.Should().Contain("targets Gateway envoy-gateway-system/inference-gateway, which also serves HTTPRoutes " +
            "envoy-gateway-system/plain-http-redirect, tenant-a/tenant-a, tenant-b/tenant-b, tenant-c/tenant-c");
        report.Errors[1].Message.Should().Contain("is plain HTTP on a Gateway that terminates TLS, and serves AIGatewayRoute envoy-gateway-system/openai")
            .And.Contain("names no listener");
    }

    [Theory]
    [InlineData("policy-missing-route", "gateway/tenant-b.yaml", "SecurityPolicy tenant-b/tenant-b-jwt (document 2, line 21)", ".spec.targetRefs[0]", "targets gateway.networking.k8s.io/HTTPRoute tenant-b/tenant-b-old, which is neither in manifests/")]
    [InlineData("latest-image", "issuer/issuer.yaml", "Deployment auth-system/jwt-issuer (document 1, line 1)", ".spec.template.spec.containers[0].image", "uses the floating tag latest")]
    [InlineData("missing-authorization-policy", "tenants/tenant-c/", null, null, "tenant tenant-c has no AuthorizationPolicy in namespace tenant-c")]
    [InlineData("missing-reference-grant", "gateway/tenant-c.yaml", "HTTPRoute tenant-c/tenant-c (document 1, line 1)", ".spec.rules[0].backendRefs[0]", "no ReferenceGrant in istio-system allows HTTPRoute objects from tenant-c to it")]
    [InlineData("duplicate-object", "tenants/tenant-a/tenancy.yaml", "ResourceQuota tenant-a/quota (document 2, line 7)", null, "ResourceQuota tenant-a/quota is also defined in tenants/tenant-a/quota-again.yaml")]
    [InlineData("extension-policy-on-inference-gateway", "gateway/extension-policy.yaml",
        "EnvoyExtensionPolicy envoy-gateway-system/ai-eg-eep-inference-gateway (document 1, line 2)", ".spec.targetRefs[0]",
        "attaches an extension to Gateway envoy-gateway-system/inference-gateway, which also serves HTTPRoutes")]
    [InlineData("entry-point-unknown-envoyproxy", "gateway/ai-gateway.yaml", "Gateway envoy-gateway-system/ai-gateway (document 2, line 19)",
        ".spec.infrastructure.parametersRef", "names no EnvoyProxy in namespace envoy-gateway-system")]
    [InlineData("entry-point-shared-envoyproxy", "gateway/ai-gateway.yaml", "EnvoyProxy envoy-gateway-system/ai-proxy (document 1, line 2)",
        ".spec.provider.kubernetes.envoyService.patch.value.spec.ports[0].nodePort", "is the EnvoyProxy of 2 Gateways")]
    [InlineData("node-port-collision", "gateway/gateway.yaml", "EnvoyProxy envoy-gateway-system/inference-proxy (document 4, line 47)",
        ".spec.provider.kubernetes.envoyService.patch.value.spec.ports[0].nodePort", "nodePort 30080 is already pinned by EnvoyProxy envoy-gateway-system/ai-proxy")]
    [InlineData("entry-point-not-mapped", "gateway/ai-gateway.yaml", "EnvoyProxy envoy-gateway-system/ai-proxy (document 1, line 2)",
        ".spec.provider.kubernetes.envoyService.patch.value.spec.ports[0].nodePort", "maps no host port to containerPort 30081")]
    [InlineData("container-above-limit-range", "inference/tenant-a/sklearn-iris.yaml", "InferenceService tenant-a/sklearn-iris (document 1, line 2)",
        ".spec.predictor.model.resources.limits.memory", "limit 3Gi is above 2Gi, the maximum per container of LimitRange tenant-a/limits")]
    [InlineData("cold-route-without-timeout", "gateway/tenant-a.yaml", "HTTPRoute tenant-a/tenant-a (document 1, line 2)", ".spec.rules[0].timeouts",
        "routes to tenant-a/sklearn-iris, which scales to zero (minReplicas 0), with a timeout of 15 s (Envoy's default: the rule sets none)")]
    [InlineData("kind-listen-all", "kind/cluster.yaml", "kind Cluster", ".nodes[0].extraPortMappings[1].listenAddress", "127.0.0.1 only")]
    // Issue 13, TLS at the edge.
    [InlineData("plain-http-serves-routes", "gateway/gateway.yaml", "Gateway envoy-gateway-system/inference-gateway (document 2, line 10)", ".spec.listeners[0]",
        "is plain HTTP on a Gateway that terminates TLS, and serves HTTPRoute tenant-a/tenant-a, HTTPRoute tenant-b/tenant-b, HTTPRoute tenant-c/tenant-c")]
    [InlineData("listener-secret-not-issued", "gateway/gateway.yaml", "Gateway envoy-gateway-system/inference-gateway (document 2, line 9)",
        ".spec.listeners[1].tls.certificateRefs[0]", "names Secret envoy-gateway-system/inference-gateway-tls, which no cert-manager Certificate of manifests/ writes")]
    [InlineData("ca-issuer-secret-elsewhere", "tls/certificates.yaml", "ClusterIssuer ca (document 3, line 16)", ".spec.ca.secretName",
        "signs with Secret root-ca, which no CA Certificate (isCA: true) of manifests/ writes in cert-manager")]
    // Issue 13 after the AI gateway (issue 12): the AI Gateway controller's HTTPRoute has no sectionName, so it is served on
    // every listener that admits its namespace, a plain HTTP one too.
    [InlineData("ai-route-on-plain-http", "gateway/ai-gateway.yaml", "Gateway envoy-gateway-system/ai-gateway (document 2, line 18)", ".spec.listeners[0]",
        "is plain HTTP, and serves AIGatewayRoute envoy-gateway-system/openai")]
    // Issue 19, the security baseline: each regression of an item, refused where it is.
    [InlineData("kiali-anonymous", "values/kiali.yaml", "chart kiali-server (release kiali)", ".auth.strategy", "Kiali must ask for a login")]
    [InlineData("knative-without-strict-mtls", "platform/knative/", null, null, "knative-serving has no namespace-wide PeerAuthentication with mtls.mode STRICT")]
    [InlineData("activator-policy-any-port", "platform/knative.yaml", "AuthorizationPolicy knative-serving/activator (document 3, line 16)", ".spec.rules[0].to",
        "the activator's data ports only")]
    [InlineData("routes-from-all-namespaces", "gateway/gateway.yaml", "Gateway envoy-gateway-system/inference-gateway (document 2, line 10)",
        ".spec.listeners[1].allowedRoutes.namespaces.from", "admits routes from every namespace")]
    [InlineData("route-namespace-not-selected", "gateway/tenant-c.yaml", "HTTPRoute tenant-c/tenant-c (document 1, line 1)", ".spec.parentRefs",
        "its namespace tenant-c does not carry the labels the listener selects (inferencebox.io/gateway-routes: inference-gateway)")]
    [InlineData("backend-in-tenant-namespace", "gateway/backend.yaml", "Backend tenant-a/anywhere (document 1, line 2)", ".metadata.namespace", "keep Backends in envoy-gateway-system")]
    [InlineData("envoy-patch-policy-enabled", "values/eg.yaml", "chart gateway-helm (release eg)", ".config.envoyGateway.extensionApis.enableEnvoyPatchPolicy", "EnvoyPatchPolicy must stay off")]
    [InlineData("query-token-at-gateway", "gateway/tenant-b.yaml", "SecurityPolicy tenant-b/tenant-b-jwt (document 2, line 20)", ".spec.jwt.providers[0].extractFrom",
        "also takes an access_token query parameter")]
    [InlineData("query-token-in-mesh", "tenants/tenant-c/tenancy.yaml", "RequestAuthentication tenant-c/issuer-jwt (document 5, line 29)", ".spec.jwtRules[0]",
        "reads tokens from query parameters")]
    [InlineData("ingress-gateway-node-port", "values/istio-ingressgateway.yaml", "chart gateway (release istio-ingressgateway)", ".service.type", "must be ClusterIP only")]
    [InlineData("model-not-cluster-local", "inference/tenant-b/sklearn-iris.yaml", "InferenceService tenant-b/sklearn-iris (document 1, line 2)",
        ".metadata.labels[\"networking.knative.dev/visibility\"]", "label it networking.knative.dev/visibility: cluster-local")]
    [InlineData("tenant-egress-open", "tenants/tenant-b/", null, null,
        "tenant-b's pods can open connections that must stay closed to them: Prometheus (monitoring, port 9090); Grafana (monitoring, port 3000)")]
    [InlineData("ingress-gateway-open", "platform/istio/", null, null, "a pod of a namespace with no policy of its own can open it")]
    [InlineData("quota-over-node", "tenants/", null, null, "the default profile's node (4 CPUs, 8 GiB less 100Mi for the kubelet) cannot hold")]
    [InlineData("quota-without-ephemeral-storage", "tenants/tenant-b/tenancy.yaml", "ResourceQuota tenant-b/quota (document 2, line 8)", ".spec.hard",
        "tenant-b's quota must limit requests.ephemeral-storage")]
    [InlineData("ai-route-without-rate-limit", "gateway/ai-gateway.yaml", "AIGatewayRoute envoy-gateway-system/openai (document 3, line 35)", null,
        "no BackendTrafficPolicy with a rateLimit targets the HTTPRoute openai generated from it")]
    [InlineData("models-pv-whole-folder", "tenants/tenant-a/models-storage.yaml", "PersistentVolume models-tenant-a (document 1, line 2)", ".spec.hostPath.path",
        "tenant-a's PersistentVolume must be /models/tenant-a")]
    [InlineData("ai-route-to-opt-in-model", "gateway/ai-gateway.yaml", "AIGatewayRoute envoy-gateway-system/openai (document 3, line 34)",
        ".spec.rules[0].backendRefs", "routes model chat to InferenceService tenant-a/opt-in-chat, which only inference/extras/opt-in-chat.yaml deploys")]
    [InlineData("kind-mounts-all-models", "kind/cluster.yaml", "kind Cluster", ".nodes[0].extraMounts[0].containerPath", "/models/all is not a tenant's model folder")]
    // Issue 19 item 8: Pod Security Standards.
    [InlineData("pod-without-security-context", "issuer/issuer.yaml", "Deployment auth-system/jwt-issuer (document 1, line 2)", ".spec.template",
        "violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false (container \"jwt-issuer\" must set securityContext.allowPrivilegeEscalation=false)")]
    [InlineData("automount-not-set", "issuer/issuer.yaml", "Deployment auth-system/jwt-issuer (document 1, line 2)", ".spec.template.automountServiceAccountToken",
        "every container gets an API token it does not use")]
    [InlineData("predictor-without-seccomp", "inference/tenant-b/sklearn-iris.yaml", "InferenceService tenant-b/sklearn-iris (document 1, line 2)", ".spec.predictor",
        "seccompProfile (pod or containers \"istio-validation\", \"istio-proxy\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"). ")]
    [InlineData("knative-refuses-pod-security-context", "inference/tenant-c/sklearn-iris.yaml", "InferenceService tenant-c/sklearn-iris (document 1, line 2)",
        ".spec.predictor.securityContext", "Knative refuses the predictor's pod securityContext field(s) runAsUser")]
    [InlineData("namespace-without-pod-security", "tenants/tenant-c/tenancy.yaml", "Namespace tenant-c (document 1, line 2)",
        ".metadata.labels[\"pod-security.kubernetes.io/enforce\"]", "missing, so pods in tenant-c are admitted as privileged")]
    [InlineData("namespace-baseline-without-reason", "platform/namespaces.yaml", "Namespace knative-serving (document 5, line 28)",
        ".metadata.annotations[\"inferencebox.io/pod-security-reason\"]", "knative-serving enforces only baseline")]
    [InlineData("cni-not-installed", "versions.yaml", null, ".charts", "enables Istio's CNI (cni.enabled), but no chart cni is installed")]
    [InlineData("grafana-default-password", "values/prometheus.yaml", "chart kube-prometheus-stack (release prometheus)", ".grafana.admin.existingSecret",
        "the chart keeps its default admin password \"prom-operator\"")]
    [InlineData("grafana-cluster-rbac", "values/prometheus.yaml", "chart kube-prometheus-stack (release prometheus)", ".grafana.rbac.namespaced",
        "read every Secret in the cluster")]
    [InlineData("grafana-sidecar-all-namespaces", "values/prometheus.yaml", "chart kube-prometheus-stack (release prometheus)",
        ".grafana.sidecar.dashboards.searchNamespace", "must search only its own namespace; set it to [monitoring]")]
    public async Task SemanticErrorNamesFileObjectAndFieldPath(string fixture, string file, string? obj, string? path, string message)
    {
        var report = await Semantic(fixture);

        report.Errors.Should().ContainSingle(report.ToString());
        var error = report.Errors[0];
        (error.File, error.Object, error.Path).Should().Be((file, obj, path));
        error.Message.Should().Contain(message);
        report.ToString().Should().Contain($"{file}").And.Contain(message);
    }

    // Issue 19 item 2, as main had it: the chart's admin/prom-operator, a ClusterRole reading every Secret, the sidecar searching everywhere.
    [Fact]
    public async Task Grafana_as_main_configured_it_is_refused_three_times()
    {
        var report = await Semantic("grafana-todays-values");

        report.Errors.Where(e => e.Path?.StartsWith(".grafana", StringComparison.Ordinal) == true).Select(e => e.Path).Should()
            .BeEquivalentTo([".grafana.admin.existingSecret", ".grafana.rbac.namespaced", ".grafana.sidecar.dashboards.searchNamespace"], report.ToString());
    }

    // Issue 19 item 8: without Istio's CNI plugin every injected pod gets istio-init, which no restricted namespace admits.
    [Fact]
    public async Task Without_Istios_CNI_every_injected_pod_is_refused_for_istio_init()
    {
        var report = await Semantic("istio-without-cni");

        report.Errors.Select(e => e.File).Should().Contain(["inference/tenant-a/sklearn-iris.yaml", "inference/tenant-b/sklearn-iris.yaml",
            "inference/tenant-c/sklearn-iris.yaml", "src/InferenceBox.Platform/Cluster/ClientPods.cs", "src/InferenceBox.Platform/Cluster/QuotaBreaker.cs"], report.ToString());
        report.Errors.Should().OnlyContain(e => e.Message.Contains("container \"istio-init\" must not include \"NET_ADMIN\", \"NET_RAW\"")
            && e.Message.Contains("cni.enabled: true"), report.ToString());
    }
}
