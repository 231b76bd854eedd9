using InferenceBox.Platform.Manifests;
using System.Net;
using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>A pod as NetworkPolicies see it: its namespace and labels (its IP is some address of the pod network).</summary>
public sealed record PolicyPod(string Namespace, IReadOnlyDictionary<string, string> Labels, string Description)
{
    public static PolicyPod Of(string ns, string description, params (string Key, string Value)[] labels) =>
        new(ns, labels.ToDictionary(l => l.Key, l => l.Value), description);
}

/// <summary>
/// Whether the NetworkPolicies of manifests/ let one pod open a TCP/UDP connection to a pod port, judged as kindnetd's
/// kube-network-policies v0.8.0 judges the first packet (kubernetes-sigs/kube-network-policies@v0.8.0
/// pkg/networkpolicy/networkpolicy.go evaluator, evaluateEgress, evaluateIngress, evaluatePorts, evaluateSelectors,
/// evaluateIPBlocks): the source's egress policies, then the destination's ingress policies; a pod no policy of a direction
/// selects is open in that direction; a rule matches when its ports match (none: all; port..endPort inclusive) and one of its
/// peers does (none: any); an ipBlock is matched against the pod's IP. Namespaces carry the label kubernetes.io/metadata.name
/// (set by the API server since Kubernetes 1.22) besides the labels manifests/ give them. Named ports are not modelled:
/// such a rule never matches here, so a policy using them errs on the side of "denied".
/// </summary>
public sealed class NetworkPolicyModel(IReadOnlyList<ManifestObject> objects, string podSubnet = NetworkPolicyModel.KindPodSubnet)
{
    /// <summary>kind's default podSubnet (kubernetes-sigs/kind@v0.29.0 pkg/apis/config/v1alpha4/default.go).</summary>
    public const string KindPodSubnet = "10.244.0.0/16";

    private readonly List<ManifestObject> _policies = objects.Where(o => Nodes.Is(o, "networking.k8s.io", "NetworkPolicy")).ToList();
    private readonly Dictionary<string, JsonObject?> _namespaceLabels = objects.Where(o => o is { Kind: "Namespace", ApiVersion: "v1", Name: not null })
        .GroupBy(o => o.Name!).ToDictionary(g => g.Key, g => g.First().Body["metadata"]?["labels"] as JsonObject);

    /// <summary>An address inside the pod network, standing for any pod's IP.</summary>
    private IPAddress PodAddress { get; } = IPNetwork.Parse(podSubnet).BaseAddress is var b ? new IPAddress([.. b.GetAddressBytes()[..^1], 10]) : IPAddress.None;

    public bool Allows(PolicyPod from, PolicyPod to, int port, string protocol = "TCP") =>
        Direction(from, "Egress", "egress", "to", to, port, protocol) && Direction(to, "Ingress", "ingress", "from", from, port, protocol);

    private bool Direction(PolicyPod selected, string type, string rulesKey, string peersKey, PolicyPod other, int port, string protocol)
    {
        var applying = _policies.Where(p => p.Namespace == selected.Namespace && Matches(p.Body["spec"]?["podSelector"], selected.Labels)
                                            && Types(p).Contains(type)).ToList();
        return applying.Count == 0 || applying.Any(p => Nodes.Items(p.Body["spec"]?[rulesKey]).Any(rule =>
            PortsMatch(rule?["ports"], port, protocol) && PeersMatch(rule?[peersKey], p.Namespace!, other)));
    }

    /// <summary>policyTypes as the API server defaults them: Ingress always, Egress when egress rules are given.</summary>
    private static IReadOnlyList<string> Types(ManifestObject policy) =>
        Nodes.Strings(policy.Body["spec"]?["policyTypes"]) is { Count: > 0 } types ? types
        : policy.Body["spec"]?["egress"] is not null ? ["Ingress", "Egress"] : ["Ingress"];

    private static bool PortsMatch(JsonNode? ports, int port, string protocol) =>
        Nodes.Items(ports).ToList() is not { Count: > 0 } list || list.Any(p =>
            (Nodes.Text(p?["protocol"]) ?? "TCP") == protocol
            && (p?["port"] is null
                || (Number(p["port"]) is { } first && (Number(p["endPort"]) is { } last ? port >= first && port <= last : port == first))));

    /// <summary>A numeric port (a named port is not modelled: null).</summary>
    private static int? Number(JsonNode? node) => int.TryParse(Nodes.Text(node), out var n) ? n : null;

    private bool PeersMatch(JsonNode? peers, string policyNamespace, PolicyPod other)
    {
        var list = Nodes.Items(peers).ToList();
        if (list.Count == 0) return true;
        return list.Any(peer => peer?["ipBlock"] is { } block
            ? InCidr(Nodes.Text(block["cidr"]), PodAddress) && !Nodes.Strings(block["except"]).Any(x => InCidr(x, PodAddress))
            : (peer?["namespaceSelector"] is { } nsSelector
                ? Matches(nsSelector, NamespaceLabels(other.Namespace))
                : other.Namespace == policyNamespace)
              && (peer?["podSelector"] is not { } podSelector || Matches(podSelector, other.Labels)));
    }

    private IReadOnlyDictionary<string, string> NamespaceLabels(string ns)
    {
        var labels = (_namespaceLabels.GetValueOrDefault(ns) ?? []).ToDictionary(l => l.Key, l => Nodes.Text(l.Value) ?? "");
        labels["kubernetes.io/metadata.name"] = ns;
        return labels;
    }

    /// <summary>A LabelSelector: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist); empty selects all.</summary>
    public static bool Matches(JsonNode? selector, IReadOnlyDictionary<string, string> labels) =>
        (selector?["matchLabels"] as JsonObject ?? []).All(l => labels.TryGetValue(l.Key, out var v) && v == Nodes.Text(l.Value))
        && Nodes.Items(selector?["matchExpressions"]).All(e =>
        {
            var key = Nodes.Text(e?["key"]) ?? "";
            var has = labels.TryGetValue(key, out var value);
            var values = Nodes.Strings(e?["values"]);
            return Nodes.Text(e?["operator"]) switch
            {
                "In" => has && values.Contains(value!),
                "NotIn" => !has || !values.Contains(value!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
        });

    private static bool InCidr(string? cidr, IPAddress address) =>
        cidr is not null && IPNetwork.TryParse(cidr, out var network) && network.Contains(address);
}
