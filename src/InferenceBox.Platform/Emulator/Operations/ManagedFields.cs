using System.Globalization;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Http;

namespace InferenceBox.Platform.Emulator.Operations;

/// <summary>
/// Field ownership and server-side apply, after kubernetes/apimachinery@v0.32.5 pkg/util/managedfields/internal
/// (structuredmerge.go, conflict.go, stripmeta.go) and structured-merge-diff's merge.Updater: an apply takes the
/// fields it sets, conflicts with another manager that owns one of them with a different value (unless forced,
/// which takes the field over), and removes fields it set before but no longer sets when nobody else owns them.
/// Other writes (create, update, patch) record the fields they changed under an Update entry.
/// </summary>
public static class ManagedFields
{
    public sealed record Entry(string Manager, string Operation, string? Subresource, string ApiVersion, string Time, FieldSet Fields);

    public static JsonObject Apply(JsonObject? live, JsonObject applied, SchemaNode? schema, string manager, bool force,
        string apiVersion, DateTimeOffset now, string? subresource, Func<FieldSet, FieldSet> restrict)
    {
        var entries = Read(live);
        var appliedSet = restrict(FieldSet.Of(applied, schema));
        var mine = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == "Apply" && e.Subresource == subresource);
        var conflicts = new List<(Entry Owner, IReadOnlyList<string> Path)>();
        foreach (var path in appliedSet.Paths())
            foreach (var other in entries.Where(e => e != mine && e.Fields.Contains(path)))
                if (!JsonNode.DeepEquals(FieldPaths.ValueAt(live, path), FieldPaths.ValueAt(applied, path)))
                    conflicts.Add((other, path));
        if (conflicts.Count > 0 && !force) throw Conflict(conflicts);
        foreach (var (owner, path) in conflicts) owner.Fields.Remove(path);

        var result = FieldPaths.Merge(live ?? new JsonObject(), applied, schema);
        foreach (var dropped in mine?.Fields.Paths().Where(p => !appliedSet.Contains(p)).ToList() ?? [])
            if (!entries.Any(e => e != mine && e.Fields.Contains(dropped)))
                RemoveWithEmptyParents(result, dropped, entries, mine);

        entries.Remove(mine!);
        entries.Add(new Entry(manager, "Apply", subresource, apiVersion, Stamp(now), appliedSet));
        Write(result, entries);
        return result;
    }

    /// <summary>
    /// Removes a field and then every parent map it leaves empty that nobody owns, so dropping the last label leaves
    /// no <c>labels: {}</c> behind (Go's <c>omitempty</c> for typed objects).
    /// </summary>
    private static void RemoveWithEmptyParents(JsonObject obj, IReadOnlyList<string> path, List<Entry> entries, Entry? mine)
    {
        FieldPaths.RemoveAt(obj, path);
        for (var parent = path.Take(path.Count - 1).ToList(); parent.Count > 0; parent = parent.Take(parent.Count - 1).ToList())
        {
            if (FieldPaths.ValueAt(obj, parent) is not JsonObject { Count: 0 } || entries.Any(e => e != mine && e.Fields.Contains(parent))) return;
            FieldPaths.RemoveAt(obj, parent);
        }
    }

    /// <summary>Records a non-apply write: <paramref name="manager"/> takes every field whose value changed.</summary>
    public static void Update(JsonObject? old, JsonObject updated, SchemaNode? schema, string manager, string apiVersion,
        DateTimeOffset now, string? subresource, Func<FieldSet, FieldSet> restrict)
    {
        var entries = Read(old);
        var changed = new FieldSet();
        var all = restrict(FieldSet.Of(updated, schema));
        foreach (var path in all.Paths().Where(p => old is null || !JsonNode.DeepEquals(FieldPaths.ValueAt(old, p), FieldPaths.ValueAt(updated, p))))
        {
            changed.Union(Single(path));
            foreach (var other in entries) other.Fields.Remove(path);
        }
        foreach (var entry in entries)
            foreach (var gone in entry.Fields.Paths().Where(p => FieldPaths.ValueAt(updated, p) is null && p.Count > 0).ToList())
                entry.Fields.Remove(gone);
        var mine = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == "Update" && e.Subresource == subresource);
        if (mine is not null) changed.Union(mine.Fields);
        entries.Remove(mine!);
        if (!changed.IsEmpty) entries.Add(new Entry(manager, "Update", subresource, apiVersion, Stamp(now), changed));
        Write(updated, entries);
    }

    private static FieldSet Single(IReadOnlyList<string> path)
    {
        var json = new JsonObject();
        var node = json;
        foreach (var element in path)
        {
            var next = new JsonObject();
            node[element] = next;
            node = next;
        }
        return FieldSet.FromFieldsV1(json);
    }

    private static List<Entry> Read(JsonObject? obj) =>
        (obj?["metadata"]?["managedFields"]?.AsArray() ?? []).OfType<JsonObject>().Select(e => new Entry(
            e["manager"]?.ToString() ?? "", e["operation"]?.ToString() ?? "", e["subresource"]?.ToString(),
            e["apiVersion"]?.ToString() ?? "", e["time"]?.ToString() ?? "", FieldSet.FromFieldsV1(e["fieldsV1"]))).ToList();

    private static void Write(JsonObject obj, List<Entry> entries)
    {
        var metadata = obj["metadata"] as JsonObject ?? new JsonObject();
        obj["metadata"] = metadata;
        var array = new JsonArray();
        foreach (var e in entries.Where(e => !e.Fields.IsEmpty))
        {
            var json = new JsonObject { ["manager"] = e.Manager, ["operation"] = e.Operation, ["apiVersion"] = e.ApiVersion, ["time"] = e.Time,
                ["fieldsType"] = "FieldsV1", ["fieldsV1"] = e.Fields.ToFieldsV1() };
            if (e.Subresource is not null) json["subresource"] = e.Subresource;
            array.Add(json);
        }
        metadata["managedFields"] = array;
    }

    /// <summary>409 with conflict.go's wording: <c>Apply failed with 1 conflict: conflict with "m": .spec.replicas</c>.</summary>
    private static ApiError Conflict(List<(Entry Owner, IReadOnlyList<string> Path)> conflicts)
    {
        string Who(Entry e)
        {
            var who = FieldError.Quote(e.Manager);
            if (e.Subresource is not null) who += $" with subresource {FieldError.Quote(e.Subresource)}";
            return e.Operation == "Update" ? $"{who} using {e.ApiVersion} at {e.Time}" : who;
        }
        var causes = new JsonArray(conflicts.Select(c => (JsonNode)new JsonObject
            { ["reason"] = "FieldManagerConflict", ["message"] = $"conflict with {Who(c.Owner)}", ["field"] = FieldSet.Describe(c.Path) }).ToArray());
        var message = conflicts.Count == 1
            ? $"Apply failed with 1 conflict: conflict with {Who(conflicts[0].Owner)}: {FieldSet.Describe(conflicts[0].Path)}"
            : $"Apply failed with {conflicts.Count} conflicts: " + string.Join("\n", conflicts.GroupBy(c => Who(c.Owner)).OrderBy(g => g.Key, StringComparer.Ordinal)
                .SelectMany(g => new[] { $"conflicts with {g.Key}:" }.Concat(g.Select(c => "- " + FieldSet.Describe(c.Path)))));
        return ApiError.ApplyConflict(causes, message);
    }

    public static string Stamp(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
