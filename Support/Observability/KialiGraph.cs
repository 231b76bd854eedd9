using System.Text.Json;

namespace InferenceBox.Specs.Support.Observability;

public sealed record KialiNode(string Id, string NodeType, string Namespace, string? Workload, string? App, string? Service, bool IsGateway)
{
    public string Name => Workload ?? App ?? Service ?? Id;
    public override string ToString() => $"{Namespace}/{Name} ({NodeType})";
}

public sealed record KialiEdge(string Source, string Target, string Protocol);

/// <summary>
/// A Kiali namespace graph (GET /kiali/api/namespaces/graph, cytoscape JSON: elements.nodes[].data and
/// elements.edges[].data{source,target,traffic}).
/// </summary>
public sealed record KialiGraph(IReadOnlyList<KialiNode> Nodes, IReadOnlyList<KialiEdge> Edges)
{
    public static KialiGraph Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("elements", out var elements)) return new KialiGraph([], []);
        var nodes = Array(elements, "nodes").Select(n => n.GetProperty("data")).Select(d => new KialiNode(
            Text(d, "id") ?? "", Text(d, "nodeType") ?? "", Text(d, "namespace") ?? "",
            Text(d, "workload"), Text(d, "app"), Text(d, "service"),
            d.TryGetProperty("isGateway", out _) || (Text(d, "workload") ?? Text(d, "app") ?? "").Contains("gateway"))).ToArray();
        var edges = Array(elements, "edges").Select(e => e.GetProperty("data")).Select(d => new KialiEdge(
            Text(d, "source") ?? "", Text(d, "target") ?? "",
            d.TryGetProperty("traffic", out var t) ? Text(t, "protocol") ?? "" : "")).ToArray();
        return new KialiGraph(nodes, edges);
    }

    /// <summary>True when traffic flows, over one or more hops, from some node matching <paramref name="from"/> to one matching <paramref name="to"/>.</summary>
    public bool HasPath(Func<KialiNode, bool> from, Func<KialiNode, bool> to)
    {
        var byId = Nodes.ToDictionary(n => n.Id);
        var frontier = new Queue<string>(Nodes.Where(from).Select(n => n.Id));
        var seen = frontier.ToHashSet();
        while (frontier.TryDequeue(out var id))
            foreach (var edge in Edges.Where(e => e.Source == id))
            {
                if (byId.TryGetValue(edge.Target, out var target) && to(target)) return true;
                if (seen.Add(edge.Target)) frontier.Enqueue(edge.Target);
            }
        return false;
    }

    public override string ToString() =>
        $"{Nodes.Count} nodes, edges: " + string.Join("; ", Edges.Select(e =>
            $"{Nodes.FirstOrDefault(n => n.Id == e.Source)?.ToString() ?? e.Source} -> {Nodes.FirstOrDefault(n => n.Id == e.Target)?.ToString() ?? e.Target}"));

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
