using System.Text.Json.Nodes;
using k8s.Models;

namespace InferenceBox.Platform.Emulator.Admission;

/// <summary>
/// A resource quantity (kubernetes/apimachinery@v0.32.5 pkg/api/resource/quantity.go), parsed and printed with
/// KubernetesClient's port of it (<see cref="ResourceQuantity"/>): a sum keeps the format of its first term unless
/// that term is zero, as <c>Quantity.Add</c> does, and prints canonically ("3Gi", "550m", "2").
/// </summary>
public readonly record struct Quantity(decimal Value, ResourceQuantity.SuffixFormat Format)
{
    public static Quantity Zero { get; } = new(0, ResourceQuantity.SuffixFormat.DecimalSI);

    public static Quantity Parse(string text)
    {
        var q = new ResourceQuantity(text);
        return new Quantity(q.ToDecimal(), q.Format);
    }

    public static Quantity? Of(JsonNode? node) => node is JsonValue v ? Parse(v.ToString()) : null;

    public Quantity Add(Quantity other) => new(Value + other.Value, Value == 0 ? other.Format : Format);

    public Quantity Subtract(Quantity other) => new(Value - other.Value, Value == 0 ? other.Format : Format);

    public override string ToString() => new ResourceQuantity(Value, 0, Format).CanonicalizeString();

    /// <summary>A resource list (<c>{cpu: 500m, memory: 1Gi}</c>) as name → quantity.</summary>
    public static Dictionary<string, Quantity> List(JsonNode? node) =>
        (node as JsonObject ?? []).Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => Parse(p.Value!.ToString()));

    /// <summary>Adds <paramref name="more"/> into <paramref name="list"/> (quota.Add / addResourceList).</summary>
    public static void AddInto(Dictionary<string, Quantity> list, IReadOnlyDictionary<string, Quantity> more)
    {
        foreach (var (name, q) in more) list[name] = list.TryGetValue(name, out var have) ? have.Add(q) : q;
    }

    /// <summary>Raises each resource of <paramref name="list"/> to at least <paramref name="other"/>'s (maxResourceList).</summary>
    public static void MaxInto(Dictionary<string, Quantity> list, IReadOnlyDictionary<string, Quantity> other)
    {
        foreach (var (name, q) in other)
            if (!list.TryGetValue(name, out var have) || q.Value > have.Value) list[name] = q;
    }

    /// <summary>quota's prettyPrint: sorted <c>name=value</c> pairs joined by commas.</summary>
    public static string Pretty(IReadOnlyDictionary<string, Quantity> list) =>
        string.Join(",", list.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
