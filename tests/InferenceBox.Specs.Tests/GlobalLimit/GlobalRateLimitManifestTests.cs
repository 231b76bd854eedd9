using System.Text.Json.Nodes;
using InferenceBox.Specs.Support.Gateway.GlobalLimit;
using InferenceBox.Platform.Manifests;
using InferenceBox.Specs.Tests.Models;

namespace InferenceBox.Specs.Tests.GlobalLimit;

/// <summary>
/// The gateway-wide limit as the repository states it (issue 13): one shared global rule on the model gateway, merged into
/// each tenant route's own policy, on the one Redis, failing closed (envoyproxy/gateway@v1.4.2 api/v1alpha1/ratelimit_types.go,
/// internal/gatewayapi/backendtrafficpolicy.go, api/v1alpha1/envoygateway_types.go).
/// </summary>
public sealed class GlobalRateLimitManifestTests
{
    private static readonly string Manifests = ManifestFiles.FolderOf(RepoPaths.Root);
    private static readonly IReadOnlyList<ManifestObject> All = ManifestLoader.Load(Manifests).Objects;

    private static JsonNode Spec(ManifestObject o) => o.Body["spec"]!;

    [Fact]
    public void One_shared_global_rule_on_the_model_gateway_is_the_limit_the_scenario_judges_by()
    {
        var policy = All.Single(o => o is { Kind: "BackendTrafficPolicy", Name: "gateway-wide-rate-limit" });
        ((string?)Spec(policy)["targetRefs"]![0]!["kind"], (string?)Spec(policy)["targetRefs"]![0]!["name"]).Should().Be(("Gateway", "inference-gateway"));
        ((string?)Spec(policy)["rateLimit"]!["type"]).Should().Be("Global");
        var rule = Spec(policy)["rateLimit"]!["global"]!["rules"]!.AsArray().Should().ContainSingle().Subject!;
        ((bool?)rule["shared"]).Should().BeTrue("without shared each route of the Gateway gets its own counter (ratelimit_types.go)");
        rule["clientSelectors"].Should().BeNull("the limit is for all traffic");
        ((long)rule["limit"]!["requests"]!, (string?)rule["limit"]!["unit"]).Should().Be((GatewayWideLimit.Manifest.Requests, "Minute"));
    }

    [Fact]
    public void Every_tenant_routes_policy_merges_with_the_gateways_instead_of_replacing_it()
    {
        var tenantPolicies = All.Where(o => o.Kind == "BackendTrafficPolicy" && o.Namespace?.StartsWith("tenant-") == true).ToList();
        tenantPolicies.Should().HaveCount(3);
        tenantPolicies.Should().AllSatisfy(p => ((string?)Spec(p)["mergeType"]).Should().Be("StrategicMerge", p.Identity));
    }

    [Fact]
    public void The_limit_counts_in_the_one_pinned_Redis_and_fails_closed()
    {
        var values = YamlJson.ParseAll(File.ReadAllText(Path.Combine(Manifests, "values", "envoy-gateway.yaml")), "values/envoy-gateway.yaml").Single().Node!;
        var rateLimit = values["config"]!["envoyGateway"]!["rateLimit"]!;
        ((bool)rateLimit["failClosed"]!).Should().BeTrue();
        ((string?)rateLimit["backend"]!["redis"]!["url"]).Should().Be("redis.envoy-gateway-system.svc.cluster.local:6379");
        var redis = All.Where(o => o.Kind == "Deployment" && ((string?)Spec(o)["template"]!["spec"]!["containers"]![0]!["image"])?.StartsWith("redis:") == true).ToList();
        redis.Should().ContainSingle("one Redis for the token budget and the gateway-wide limit");
        redis[0].Identity.Should().Be("Deployment envoy-gateway-system/redis");
        ((string?)Spec(redis[0])["template"]!["spec"]!["containers"]![0]!["image"]).Should().Contain("@sha256:");
    }
}
