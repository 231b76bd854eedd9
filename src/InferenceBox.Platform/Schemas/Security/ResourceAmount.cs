using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;

namespace InferenceBox.Platform.Schemas.Security;

/// <summary>A CPU and memory request, in millicores and MiB, as the arithmetic of the node budget is written.</summary>
public readonly record struct ResourceAmount(decimal CpuMillis, decimal MemoryMi)
{
    public static ResourceAmount Zero => default;

    public static ResourceAmount operator +(ResourceAmount a, ResourceAmount b) => new(a.CpuMillis + b.CpuMillis, a.MemoryMi + b.MemoryMi);
    public static ResourceAmount operator *(int n, ResourceAmount a) => new(n * a.CpuMillis, n * a.MemoryMi);

    /// <summary>Kubernetes quantities, e.g. ("300m", "60Mi"); null means none asked.</summary>
    public static ResourceAmount Of(string? cpu, string? memory) => new(Millis(cpu), Mi(memory));

    /// <summary>The <c>requests</c> of a container's (or a helm value's) resources mapping.</summary>
    public static ResourceAmount Requests(JsonNode? resources) =>
        Of(Nodes.Text(resources?["requests"]?["cpu"]), Nodes.Text(resources?["requests"]?["memory"]));

    public static decimal Millis(string? quantity) => quantity is null ? 0 : new ResourceQuantity(quantity).ToDecimal() * 1000;
    public static decimal Mi(string? quantity) => quantity is null ? 0 : new ResourceQuantity(quantity).ToDecimal() / (1024 * 1024);

    public override string ToString() => $"{Format(CpuMillis)}m / {Format(MemoryMi)}Mi";

    public static string Format(decimal value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
