using InferenceBox.Platform.Manifests;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Schemas;
using InferenceBox.Specs.Tests.Schemas;

namespace InferenceBox.Specs.Tests.Tenancy;

/// <summary>
/// Issue 17 items 3 and 4 on the platform as code: a tenant's model admits only callers on the gateway path or in the
/// tenant's own namespace (holding the tenant's token), and each tenant has RBAC of its own for its workloads.
/// </summary>
public sealed class TenantPoliciesTests
{
    /// <summary>
    /// The gateway path's identities: the Istio ingress gateway (knative-local-gateway runs on its pods) under the
    /// service account named after the release (istio/istio@1.26.2 manifests/charts/gateway/templates/_helpers.tpl,
    /// gateway.serviceAccountName; release istio-ingressgateway, manifests/values/istio-ingressgateway.yaml), and
    /// Knative's activator (knative/serving@knative-v1.18.1 config/core/deployments/activator.yaml,
    /// serviceAccountName: activator). Trust domain cluster.local: istiod's default (values/istiod.yaml sets none).
    /// </summary>
    public static readonly string[] GatewayPath =
        ["cluster.local/ns/istio-system/sa/istio-ingressgateway", "cluster.local/ns/knative-serving/sa/activator"];

    private static readonly Lazy<IReadOnlyList<ManifestObject>> Objects =
        new(() => ManifestLoader.Load(ManifestFiles.FolderOf(TestPaths.RepoRoot)).Objects);

    public static TheoryData<string> Tenants => new(PlatformTenants.All);

    [Theory]
    [MemberData(nameof(Tenants))]
    public void The_tenant_token_is_honoured_only_from_the_gateway_path_or_the_tenants_own_namespace(string tenant)
    {
        var policy = Objects.Value.Single(o => o is { Kind: "AuthorizationPolicy", Name: "allow-own-tenant-token" } && o.Namespace == tenant);
        var sources = Array(policy.Body["spec"]?["rules"]).SelectMany(r => Array(r?["from"])).Select(f => f?["source"]).ToList();

        sources.Should().NotBeEmpty();
        sources.Should().OnlyContain(s => Bound(s, tenant), "every source must name who may call, not only which token");
        sources.SelectMany(s => Strings(s?["principals"])).Should().BeEquivalentTo(GatewayPath);
        sources.SelectMany(s => Strings(s?["namespaces"])).Should().Equal(tenant);
    }

    [Theory]
    [MemberData(nameof(Tenants))]
    public void The_tenants_workloads_have_a_role_of_their_own_that_reads_its_secrets(string tenant)
    {
        var role = Objects.Value.SingleOrDefault(o => o.Kind == "Role" && o.Namespace == tenant);
        role.Should().NotBeNull($"tenant {tenant} needs a Role for its workloads");
        Array(role!.Body["rules"]).Any(r => Strings(r?["resources"]).Contains("secrets") && Strings(r?["verbs"]).Contains("get"))
            .Should().BeTrue($"Role {role.Name} must let the tenant's workloads get its Secrets");

        var binding = Objects.Value.SingleOrDefault(o => o.Kind == "RoleBinding" && o.Namespace == tenant);
        binding.Should().NotBeNull($"tenant {tenant} needs a RoleBinding of that Role");
        ((string?)binding!.Body["roleRef"]?["name"]).Should().Be(role.Name);
        Array(binding.Body["subjects"]).Should().ContainSingle().Which!.ToJsonString()
            .Should().Be(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = "default", ["namespace"] = tenant }.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Tenants))]
    public void The_activator_takes_a_tenants_pod_only_to_that_tenants_own_revisions(string tenant)
    {
        var policy = Objects.Value.Single(o => o is { Kind: "AuthorizationPolicy", Namespace: "knative-serving" });
        ((string?)policy.Body["spec"]?["selector"]?["matchLabels"]?["app"]).Should().Be("activator");
        var rules = Array(policy.Body["spec"]?["rules"]).ToList();

        rules.Count(r => Strings(r?["from"]?[0]?["source"]?["principals"]).SequenceEqual([GatewayPath[0]]) && r?["when"] is null
                         && r?["to"]?[0]?["operation"]?["hosts"] is null && Strings(r?["to"]?[0]?["operation"]?["ports"]).SequenceEqual(["8012", "8013"]))
            .Should().Be(1, "the gateway path (the ingress gateway behind knative-local-gateway) reaches any revision, on the activator's data ports");
        var own = rules.Where(r => Strings(r?["from"]?[0]?["source"]?["namespaces"]).SequenceEqual(new[] { tenant })).ToList();
        own.Should().ContainSingle($"one rule admits {tenant}'s pods");
        Strings(own[0]?["to"]?[0]?["operation"]?["hosts"]).Should().Equal($"*.{tenant}.svc.cluster.local");
        Strings(own[0]?["to"]?[0]?["operation"]?["ports"]).Should().Equal("8012", "8013");
        ((string?)own[0]?["when"]?[0]?["key"]).Should().Be("request.headers[knative-serving-namespace]");
        Strings(own[0]?["when"]?[0]?["values"]).Should().Equal(tenant);
        rules.Should().HaveCount(1 + PlatformTenants.All.Count, "nothing else may use the activator's identity");
    }

    private static bool Bound(JsonNode? source, string tenant) =>
        Strings(source?["requestPrincipals"]).Any()
        && (Strings(source?["principals"]).Any() ^ Strings(source?["namespaces"]).SequenceEqual([tenant]));

    private static IEnumerable<JsonNode?> Array(JsonNode? node) => node as JsonArray ?? [];

    private static IEnumerable<string> Strings(JsonNode? node) => Array(node).Select(n => (string?)n ?? "");
}
