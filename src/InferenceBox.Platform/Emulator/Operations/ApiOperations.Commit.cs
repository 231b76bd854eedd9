using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Admission;
using InferenceBox.Platform.Emulator.Discovery;
using InferenceBox.Platform.Emulator.Http;

namespace InferenceBox.Platform.Emulator.Operations;

public sealed partial class ApiOperations
{
    /// <summary>
    /// The write path of kubernetes/apiserver@v0.32.5 pkg/endpoints/handlers (create.go, update.go, patch.go) and
    /// pkg/registry/generic/registry/store.go, in its order: server-set metadata and the status/spec split of the
    /// strategy; CRD defaulting; unknown fields (pruned with a warning, or refused when fieldValidation=Strict);
    /// mutating admission; validation (names, schema: 422); validating admission; managed fields; storage.
    /// </summary>
    private JsonObject Commit(ApiResource r, string? ns, string? subresource, JsonObject candidate, JsonObject? old, WriteOptions options,
        bool apply, List<string> warnings)
    {
        try { return CommitChecked(r, ns, subresource, candidate, old, options, apply, warnings); }
        catch (ApiError e) when (e.Layer is not null)
        {
            throw Refused(e, r, ns, NameOf(candidate), options);
        }
    }

    private ApiError Refused(ApiError e, ApiResource r, string? ns, string name, WriteOptions options)
    {
        _refusals.Enqueue(new WriteRefusal(r.Kind, ns, name, options.Manager, e.Layer ?? "unknown", e.Message));
        return e;
    }

    private JsonObject CommitChecked(ApiResource r, string? ns, string? subresource, JsonObject candidate, JsonObject? old, WriteOptions options,
        bool apply, List<string> warnings)
    {
        var now = time.GetUtcNow();
        candidate["apiVersion"] = r.ApiVersion;
        candidate["kind"] = r.Kind;
        var metadata = candidate["metadata"] as JsonObject ?? new JsonObject();
        candidate["metadata"] = metadata;
        if (r.Namespaced) metadata["namespace"] = ns;
        else metadata.Remove("namespace");
        if (old is null) ServerMetadata.OnCreate(r, candidate, now);
        else candidate = ServerMetadata.OnUpdate(r, subresource, candidate, old);

        var kindSchema = SchemaOf(r);
        var schema = kindSchema is null ? null : SchemaNode.Of(kindSchema);
        if (r.IsCustom) CustomResources.ApplyDefaults(candidate, schema);
        else if (subresource is null) BuiltInDefaults.Apply(r, candidate, schema);
        SchemaCheck.Result? Validate() => kindSchema is null ? null
            : subresource == "status" ? _check.CheckPart(kindSchema, candidate, "status") : _check.Check(kindSchema, candidate);
        var check = Validate();
        if (check is { UnknownFields.Count: > 0 } && !apply)
        {
            if (options.Validation == "Strict")
                throw ApiError.BadRequest("strict decoding error: " + string.Join(", ", check.UnknownFields.Select(u => $"unknown field \"{u.Path}\"")));
            foreach (var unknown in check.UnknownFields.OrderByDescending(u => u.Pointer.Length)) RemovePointer(candidate, unknown.Pointer);
            if (options.Validation == "Warn") warnings.AddRange(check.UnknownFields.Select(u => $"unknown field \"{u.Path}\""));
            check = Validate();
        }

        var name = NameOf(candidate);
        var operation = old is null ? AdmissionRequest.Create : AdmissionRequest.Update;
        var context = new AdmissionContext(store, catalog);
        var request = new AdmissionRequest(operation, r, subresource, ns, name, candidate, old, options.DryRun);
        Mutate(request, context);
        if (!r.IsCustom) BuiltInDefaults.Canonicalize(candidate, schema); // what mutating admission added, too

        var errors = new List<FieldError>();
        if (old is null) errors.AddRange(ObjectNames.Check(r, candidate));
        errors.AddRange(BuiltInDefaults.Check(r, candidate));
        if (r.Group == "apiextensions.k8s.io" && r.Kind == "CustomResourceDefinition") errors.AddRange(CustomResources.Check(candidate));
        if (Validate() is { } final) errors.AddRange(final.Errors);
        if (errors.Count > 0) throw ApiError.Invalid(r.Group, r.Kind, name, errors).From("validation");
        foreach (var plugin in plugins) Admitting(plugin, p => p.Validate(request, context));

        if (!apply)
            ManagedFields.Update(old, candidate, schema, options.Manager, r.ApiVersion, now, subresource, set => Restrict(r, subresource, set));
        ServerMetadata.BumpGeneration(r, candidate, old);
        warnings.AddRange(context.Warnings);
        if (options.DryRun) return candidate;
        var finished = candidate["metadata"]?["deletionTimestamp"] is not null && !ServerMetadata.HasFinalizers(candidate);
        var stored = store.Write(r, finished ? "DELETED" : old is null ? "ADDED" : "MODIFIED", candidate);
        foreach (var update in context.AfterCommit) RecordQuotaUsage(update);
        return stored;
    }

    /// <summary>ResourceQuota admission raises the quota's used in the same request (resourcequota/controller.go, <c>checkQuotas</c>).</summary>
    private void RecordQuotaUsage(QuotaUsageUpdate update)
    {
        var quotas = catalog.Find(new Manifests.GroupVersionKind("", "v1", "ResourceQuota"))!;
        var current = store.Get(quotas, update.Quota["metadata"]?["namespace"]?.GetValue<string>(), update.Quota["metadata"]!["name"]!.GetValue<string>());
        if (current?["status"] is not JsonObject status) return;
        status["used"] = Controllers.ResourceQuotaController.ToJson(update.Used);
        store.Write(quotas, "MODIFIED", current);
    }

    /// <summary>
    /// The mutating phase. When a mutating webhook changed the object, kube-apiserver runs the chain once more
    /// (kubernetes/apiserver@v0.32.5 pkg/admission/reinvocation.go; plugin/webhook/mutating/dispatcher.go sets
    /// ShouldReinvoke on a change), so the in-tree plugins see what the webhook added: LimitRanger defaults an injected
    /// sidecar. A webhook itself is called again only with reinvocationPolicy IfNeeded; Istio's injector has the
    /// chart's default, Never (istio/istio@1.26.2 manifests/charts/istio-control/istio-discovery/values.yaml,
    /// sidecarInjectorWebhook.reinvocationPolicy).
    /// </summary>
    private void Mutate(AdmissionRequest request, AdmissionContext context)
    {
        var reinvoke = false;
        foreach (var plugin in plugins)
        {
            var before = plugin.IsMutatingWebhook ? request.Object?.ToJsonString() : null;
            Admitting(plugin, p => p.Admit(request, context));
            reinvoke |= before is not null && before != request.Object?.ToJsonString();
        }
        if (reinvoke)
            foreach (var plugin in plugins.Where(p => !p.IsMutatingWebhook)) Admitting(plugin, p => p.Admit(request, context));
    }

    private static void Admitting(IAdmissionPlugin plugin, Action<IAdmissionPlugin> step)
    {
        try
        {
            step(plugin);
        }
        catch (ApiError e)
        {
            throw e.From("admission:" + plugin.Name);
        }
    }

    /// <summary>Fields a write to the main resource may own exclude status (and vice versa), as the strategies' ResetFields say.</summary>
    private static FieldSet Restrict(ApiResource r, string? subresource, FieldSet set)
    {
        if (!r.HasStatus) return set;
        foreach (var path in set.Paths().Where(p => p.Count > 0 && (subresource == "status") != (p[0] == "f:status")).ToList())
            set.Remove(path);
        return set;
    }

    private static void RemovePointer(JsonObject root, string pointer)
    {
        var segments = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToList();
        JsonNode? node = root;
        foreach (var s in segments.Take(segments.Count - 1))
            node = node is JsonArray a && int.TryParse(s, out var i) && i < a.Count ? a[i] : node?[s];
        if (node is JsonObject parent && segments.Count > 0) parent.Remove(segments[^1]);
    }
}

/// <summary>A write the pipeline refused: what (kind, namespace, name), for whom (field manager or user agent), which layer, and why.</summary>
public sealed record WriteRefusal(string Kind, string? Namespace, string Name, string Manager, string Layer, string Message);
