using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Admission;
using InferenceBox.Platform.Emulator.Discovery;
using InferenceBox.Platform.Emulator.Http;

namespace InferenceBox.Platform.Emulator.Operations;

/// <summary>
/// The few of Kubernetes' built-in defaults and Go validation rules that admission outcomes depend on, from
/// kubernetes/kubernetes pkg/apis/core/v1/defaults.go (read in a stored v1.22+ version) and
/// pkg/apis/core/validation/validation.go (<c>ValidateResourceRequirements</c>):
/// <list type="bullet">
/// <item><c>SetDefaults_Pod</c>: a container's limit with no request makes the request equal to the limit;</item>
/// <item><c>SetDefaults_LimitRangeItem</c>: a Container limit's <c>default</c> falls back to <c>max</c>, its
/// <c>defaultRequest</c> to <c>default</c>, then to <c>min</c>;</item>
/// <item><c>SetDefaults_Namespace</c>: the label <c>kubernetes.io/metadata.name</c>;</item>
/// <item>quantities are stored in canonical form ("2000m" → "2", "1024Mi" → "1Gi"), as Go serializes
/// <c>resource.Quantity</c> (kubernetes/apimachinery@v0.32.5 pkg/api/resource/quantity.go, <c>MarshalJSON</c>);</item>
/// <item>a request above its limit: <c>spec.containers[0].resources.requests[memory]: Invalid value: "2Gi": must be
/// less than or equal to memory limit of 1Gi</c>.</item>
/// </list>
/// Every other built-in default (replicas, imagePullPolicy, protocols, ...) is not applied.
/// </summary>
public static class BuiltInDefaults
{
    public static void Apply(ApiResource r, JsonObject obj, SchemaNode? schema)
    {
        Canonicalize(obj, schema);
        if (r.Group != "") return;
        switch (r.Kind)
        {
            case "Pod":
                foreach (var c in Containers(obj["spec"])) RequestsFromLimits(c);
                break;
            case "LimitRange":
                foreach (var item in (obj["spec"]?["limits"]?.AsArray() ?? []).OfType<JsonObject>().Where(i => i["type"]?.ToString() == "Container"))
                {
                    Fill(item, "default", item["max"]);
                    Fill(item, "defaultRequest", item["default"]);
                    Fill(item, "defaultRequest", item["min"]);
                }
                break;
            case "Namespace":
                var metadata = (JsonObject)obj["metadata"]!;
                var labels = metadata["labels"] as JsonObject ?? new JsonObject();
                labels["kubernetes.io/metadata.name"] = metadata["name"]?.DeepClone();
                metadata["labels"] = labels;
                break;
        }
    }

    public static IEnumerable<FieldError> Check(ApiResource r, JsonObject obj)
    {
        if (r.Group != "" || r.Kind != "Pod") yield break;
        foreach (var (field, list) in new[] { ("containers", "spec.containers"), ("initContainers", "spec.initContainers") })
        {
            var containers = (obj["spec"]?[field]?.AsArray() ?? []).ToList();
            for (var i = 0; i < containers.Count; i++)
            {
                if (containers[i] is not JsonObject c) continue;
                var limits = PodResources.Limits(c);
                foreach (var (name, request) in PodResources.Requests(c).OrderBy(p => p.Key, StringComparer.Ordinal))
                    if (limits.TryGetValue(name, out var limit) && request.Value > limit.Value)
                        yield return FieldError.Invalid($"{list}[{i}].resources.requests[{name}]", JsonValue.Create(request.ToString()),
                            $"must be less than or equal to {name} limit of {limit}");
            }
        }
    }

    public static void Canonicalize(JsonNode? node, SchemaNode? schema)
    {
        if (schema is null) return;
        switch (node)
        {
            case JsonObject map:
                foreach (var (key, value) in map.ToList())
                {
                    var child = schema.Property(key);
                    if (child?.IsQuantity == true && value is JsonValue v && v.GetValueKind() is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number)
                    {
                        try { map[key] = Quantity.Parse(v.ToString()).ToString(); }
                        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException) { /* left for validation */ }
                    }
                    else Canonicalize(value, child);
                }
                break;
            case JsonArray list:
                foreach (var item in list) Canonicalize(item, schema.Items);
                break;
        }
    }

    private static IEnumerable<JsonObject> Containers(JsonNode? spec) =>
        new[] { "initContainers", "containers" }.SelectMany(f => (spec?[f]?.AsArray() ?? []).OfType<JsonObject>());

    private static void RequestsFromLimits(JsonObject container)
    {
        if (container["resources"]?["limits"] is not JsonObject limits || limits.Count == 0) return;
        var resources = (JsonObject)container["resources"]!;
        var requests = resources["requests"] as JsonObject ?? new JsonObject();
        foreach (var (k, v) in limits) requests.TryAdd(k, v?.DeepClone());
        resources["requests"] = requests;
    }

    private static void Fill(JsonObject item, string field, JsonNode? from)
    {
        if (from is not JsonObject source || source.Count == 0) return;
        var target = item[field] as JsonObject ?? new JsonObject();
        foreach (var (k, v) in source) target.TryAdd(k, v?.DeepClone());
        item[field] = target;
    }
}
