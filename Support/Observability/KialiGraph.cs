using System.Globalization;
using System.Text.Json;
using InferenceBox.Platform.Schemas.Security;

namespace InferenceBox.Specs.Support.Observability;

public sealed record KialiNode(string Id, string NodeType, string Namespace, string? Workload, string? App, string? Service, bool IsGateway)
{
    public string Name => Workload ?? App ?? Service ?? Id;
    public override string ToString() => $"{Namespace}/{Name} ({NodeType})";
}

/// <summary>
/// A graph edge and its HTTP traffic: <see cref="Rate"/> requests per second, and the share of them per response code
/// (Kiali reports, per code, the percentage of the edge's requests by response flag: kiali/kiali@v2.11.0
/// graph/config/common/common.go addEdgeTelemetry, <c>value/total*100</c>).
/// </summary>
public sealed record KialiEdge(string Source, string Target, string Protocol, double Rate = 0,
    IReadOnlyDictionary<string, double>? PercentByCode = null)
{
    /// <summary>Requests per second this edge answered with a 2xx code.</summary>
    public double Rate2xx => Rate * (PercentByCode ?? new Dictionary<string, double>()).Where(c => c.Key.StartsWith('2')).Sum(c => c.Value) / 100;
}

/// <summary>
/// A Kiali namespace graph (GET /kiali/api/namespaces/graph, cytoscape JSON: elements.nodes[].data and
/// elements.edges[].data{source,target,traffic{protocol,rates,responses}}; kiali/kiali@v2.11.0 graph/config/common/common.go).
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
        var edges = Array(elements, "edges").Select(e => e.GetProperty("data")).Select(Edge).ToArray();
        return new KialiGraph(nodes, edges);
    }

    public KialiNode? Node(string id) => Nodes.FirstOrDefault(n => n.Id == id);

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
            $"{Node(e.Source)?.ToString() ?? e.Source} -> {Node(e.Target)?.ToString() ?? e.Target} ({e.Rate.ToString("0.###", CultureInfo.InvariantCulture)} rps, 2xx {e.Rate2xx.ToString("0.###", CultureInfo.InvariantCulture)})"));

    private static KialiEdge Edge(JsonElement d)
    {
        var traffic = d.TryGetProperty("traffic", out var t) && t.ValueKind == JsonValueKind.Object ? t : default;
        var rates = traffic.ValueKind == JsonValueKind.Object && traffic.TryGetProperty("rates", out var r) ? r : default;
        var percent = new Dictionary<string, double>();
        if (traffic.ValueKind == JsonValueKind.Object && traffic.TryGetProperty("responses", out var responses) && responses.ValueKind == JsonValueKind.Object)
            foreach (var code in responses.EnumerateObject())
                percent[code.Name] = code.Value.TryGetProperty("flags", out var flags) && flags.ValueKind == JsonValueKind.Object
                    ? flags.EnumerateObject().Sum(f => Number(f.Value)) : 0;
        return new KialiEdge(Text(d, "source") ?? "", Text(d, "target") ?? "",
            traffic.ValueKind == JsonValueKind.Object ? Text(traffic, "protocol") ?? "" : "",
            rates.ValueKind == JsonValueKind.Object && rates.TryGetProperty("http", out var http) ? Number(http) : 0, percent);
    }

    // Kiali writes rates and percentages as strings ("0.85", "100.0").
    private static double Number(JsonElement e) =>
        e.ValueKind == JsonValueKind.String && double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
        : e.ValueKind == JsonValueKind.Number ? e.GetDouble() : 0;

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
