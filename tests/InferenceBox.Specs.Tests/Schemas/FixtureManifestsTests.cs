using FluentAssertions;
using InferenceBox.Specs.Support.Schemas;
using Xunit;

namespace InferenceBox.Specs.Tests.Schemas;

/// <summary>The validator on small fixture folders against the real pinned schemas: the valid one passes, each broken one fails where it is broken.</summary>
public sealed class FixtureManifestsTests
{
    [Fact]
    public async Task ValidFixturePassesEveryCheck()
    {
        var report = await ManifestValidation.ValidateAsync(TestPaths.ComposeFixture(null), TestPaths.PinnedStore, TestContext.Current.CancellationToken);

        report.IsValid.Should().BeTrue(report.ToString());
        // Per tenant: 6 tenancy objects, 3 gateway objects, 1 model; GatewayClass, Gateway, EnvoyProxy, ReferenceGrant;
        // the AI gateway's EnvoyProxy, Gateway and its route's 3 objects; issuer Deployment and Service; the canary.
        report.ObjectCount.Should().Be(3 * 6 + 3 * 3 + 3 + 4 + 5 + 2 + 1);
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

    [Theory]
    [InlineData("policy-missing-route", "gateway/tenant-b.yaml", "SecurityPolicy tenant-b/tenant-b-jwt (document 2, line 21)", ".spec.targetRefs[0]", "targets gateway.networking.k8s.io/HTTPRoute tenant-b/tenant-b-old, which is neither in manifests/")]
    [InlineData("latest-image", "issuer/issuer.yaml", "Deployment auth-system/jwt-issuer (document 1, line 1)", ".spec.template.spec.containers[0].image", "uses the floating tag latest")]
    [InlineData("missing-authorization-policy", "tenants/tenant-c/", null, null, "tenant tenant-c has no AuthorizationPolicy in namespace tenant-c")]
    [InlineData("missing-reference-grant", "gateway/tenant-c.yaml", "HTTPRoute tenant-c/tenant-c (document 1, line 1)", ".spec.rules[0].backendRefs[0]", "no ReferenceGrant in istio-system allows HTTPRoute objects from tenant-c to it")]
    [InlineData("duplicate-object", "tenants/tenant-a/tenancy.yaml", "ResourceQuota tenant-a/quota (document 2, line 7)", null, "ResourceQuota tenant-a/quota is also defined in tenants/tenant-a/quota-again.yaml")]
    [InlineData("ai-route-on-inference-gateway", "gateway/ai-gateway.yaml", "AIGatewayRoute envoy-gateway-system/openai (document 3, line 35)",
        ".spec.targetRefs[0]", "targets Gateway envoy-gateway-system/inference-gateway, which also serves HTTPRoutes tenant-a/tenant-a, tenant-b/tenant-b, tenant-c/tenant-c")]
    [InlineData("extension-policy-on-inference-gateway", "gateway/extension-policy.yaml",
        "EnvoyExtensionPolicy envoy-gateway-system/ai-eg-eep-inference-gateway (document 1, line 2)", ".spec.targetRefs[0]",
        "attaches an extension to Gateway envoy-gateway-system/inference-gateway, which also serves HTTPRoutes")]
    [InlineData("entry-point-unknown-envoyproxy", "gateway/ai-gateway.yaml", "Gateway envoy-gateway-system/ai-gateway (document 2, line 19)",
        ".spec.infrastructure.parametersRef", "names no EnvoyProxy in namespace envoy-gateway-system")]
    [InlineData("entry-point-shared-envoyproxy", "gateway/ai-gateway.yaml", "EnvoyProxy envoy-gateway-system/ai-proxy (document 1, line 2)",
        ".spec.provider.kubernetes.envoyService.patch.value.spec.ports[0].nodePort", "is the EnvoyProxy of 2 Gateways")]
    [InlineData("node-port-collision", "gateway/gateway.yaml", "EnvoyProxy envoy-gateway-system/inference-proxy (document 4, line 36)",
        ".spec.provider.kubernetes.envoyService.patch.value.spec.ports[0].nodePort", "nodePort 30080 is already pinned by EnvoyProxy envoy-gateway-system/ai-proxy")]
    [InlineData("entry-point-not-mapped", "gateway/ai-gateway.yaml", "EnvoyProxy envoy-gateway-system/ai-proxy (document 1, line 2)",
        ".spec.provider.kubernetes.envoyService.patch.value.spec.ports[0].nodePort", "maps no host port to containerPort 30081")]
    [InlineData("container-above-limit-range", "inference/tenant-a/sklearn-iris.yaml", "InferenceService tenant-a/sklearn-iris (document 1, line 2)",
        ".spec.predictor.model.resources.limits.memory", "limit 3Gi is above 2Gi, the maximum per container of LimitRange tenant-a/limits")]
    [InlineData("cold-route-without-timeout", "gateway/tenant-a.yaml", "HTTPRoute tenant-a/tenant-a (document 1, line 2)", ".spec.rules[0].timeouts",
        "routes to tenant-a/sklearn-iris, which scales to zero (minReplicas 0), with a timeout of 15 s (Envoy's default: the rule sets none)")]
    [InlineData("kind-listen-all", "kind/cluster.yaml", "kind Cluster", ".nodes[0].extraPortMappings[0].listenAddress", "127.0.0.1 only")]
    public async Task SemanticErrorNamesFileObjectAndFieldPath(string fixture, string file, string? obj, string? path, string message)
    {
        var report = await ManifestValidation.ValidateAsync(TestPaths.ComposeFixture(Path.Combine("semantic", fixture)),
            TestPaths.PinnedStore, TestContext.Current.CancellationToken);

        report.Errors.Should().ContainSingle(report.ToString());
        var error = report.Errors[0];
        (error.File, error.Object, error.Path).Should().Be((file, obj, path));
        error.Message.Should().Contain(message);
        report.ToString().Should().Contain($"{file}").And.Contain(message);
    }
}
