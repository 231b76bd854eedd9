using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Schemas;
using InferenceBox.Platform.Schemas.Security;

namespace InferenceBox.Specs.Tests.Security;

/// <summary>
/// The offline NetworkPolicy judge against the semantics kindnetd runs (kubernetes-sigs/kube-network-policies@v0.8.0
/// pkg/networkpolicy/networkpolicy.go): a pod no policy selects is open; a selected pod is closed but for what a rule allows;
/// egress and ingress must both allow; namespaceSelector and podSelector in one peer select pods of those namespaces;
/// ipBlock matches the pod's IP (inside kind's pod network); endPort ranges are inclusive.
/// </summary>
public sealed class NetworkPolicyModelTests
{
    private static readonly PolicyPod Client = PolicyPod.Of("tenant-a", "client");
    private static readonly PolicyPod Prometheus = PolicyPod.Of("monitoring", "prometheus", ("app.kubernetes.io/name", "prometheus"));

    private static NetworkPolicyModel Model(params string[] policies) => new(YamlJson.ParseAll(string.Join("\n---\n", policies), "test.yaml")
        .Select((d, i) => new ManifestObject("test.yaml", i, 1, (System.Text.Json.Nodes.JsonObject)d.Node!)).ToList());

    /// <summary>A networking.k8s.io/v1 NetworkPolicy; <paramref name="spec"/> is its spec as a YAML flow mapping's content.</summary>
    private static string Policy(string ns, string name, string spec) =>
        $"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: {name}, namespace: {ns}}}\nspec: {{{spec}}}";

    [Fact]
    public void Without_policies_everything_is_open() => Model().Allows(Client, Prometheus, 9090).Should().BeTrue();

    [Fact]
    public void An_egress_policy_with_no_rules_closes_the_selected_pods_only()
    {
        var model = Model(Policy("tenant-a", "deny", "podSelector: {matchLabels: {role: locked}}, policyTypes: [Egress]"));
        model.Allows(PolicyPod.Of("tenant-a", "locked", ("role", "locked")), Prometheus, 9090).Should().BeFalse();
        model.Allows(Client, Prometheus, 9090).Should().BeTrue("the policy does not select this pod");
    }

    [Fact]
    public void A_peer_with_both_selectors_selects_those_pods_in_those_namespaces_and_ports_must_match()
    {
        var model = Model(Policy("tenant-a", "dns", "podSelector: {}, policyTypes: [Egress], egress: [{to: [{namespaceSelector: " +
            "{matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}], ports: [{protocol: UDP, port: 53}]}]"));
        var dns = PolicyPod.Of("kube-system", "coredns", ("k8s-app", "kube-dns"));
        model.Allows(Client, dns, 53, "UDP").Should().BeTrue();
        model.Allows(Client, dns, 53, "TCP").Should().BeFalse("only UDP is named");
        model.Allows(Client, PolicyPod.Of("kube-system", "other"), 53, "UDP").Should().BeFalse("the pod selector must match too");
        model.Allows(Client, PolicyPod.Of("monitoring", "coredns-lookalike", ("k8s-app", "kube-dns")), 53, "UDP").Should().BeFalse("the namespace must match too");
    }

    [Fact]
    public void An_ip_block_outside_the_pod_network_matches_no_pod_and_end_port_ranges_are_inclusive()
    {
        var model = Model(
            Policy("tenant-a", "outside", "podSelector: {}, policyTypes: [Egress], egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.244.0.0/16]}}]}]"),
            Policy("monitoring", "ranges", "podSelector: {}, ingress: [{ports: [{protocol: TCP, port: 1, endPort: 9090}]}]"));
        model.Allows(Client, Prometheus, 9090).Should().BeFalse("Prometheus is a pod: the ipBlock excepts the pod network");
        var open = PolicyPod.Of("tenant-b", "client-b");
        model.Allows(open, Prometheus, 9090).Should().BeTrue("9090 is the range's last port, inclusive");
        model.Allows(open, Prometheus, 9091).Should().BeFalse("9091 is past the range");
    }

    [Fact]
    public void Both_directions_must_allow()
    {
        var model = Model(Policy("monitoring", "monitoring-only",
            "podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: istio-system}}}]}]"));
        model.Allows(Client, Prometheus, 9090).Should().BeFalse("the destination admits istio-system only");
        model.Allows(PolicyPod.Of("istio-system", "kiali"), Prometheus, 9090).Should().BeTrue("namespaces carry kubernetes.io/metadata.name");
    }
}
