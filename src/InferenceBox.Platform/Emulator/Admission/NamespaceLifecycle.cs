using System.Text.Json.Nodes;
using InferenceBox.Platform.Emulator.Http;

namespace InferenceBox.Platform.Emulator.Admission;

/// <summary>
/// NamespaceLifecycle (kubernetes/apiserver@v0.32.5 pkg/admission/plugin/namespace/lifecycle/admission.go):
/// <c>default</c>, <c>kube-system</c> and <c>kube-public</c> may not be deleted ("this namespace may not be
/// deleted"); a namespaced object in a namespace that does not exist is refused with the lookup's own NotFound
/// (<c>namespaces "x" not found</c>); nothing new may be created in a namespace that is terminating. Deletions of
/// other objects are always allowed.
/// </summary>
public sealed class NamespaceLifecycle : IAdmissionPlugin
{
    private static readonly string[] Immortal = ["default", "kube-system", "kube-public"];

    public string Name => "NamespaceLifecycle";

    public void Admit(AdmissionRequest request, AdmissionContext context)
    {
        var isNamespace = request.Resource.Group == "" && request.Resource.Kind == "Namespace";
        if (request.Operation == AdmissionRequest.Delete && isNamespace && Immortal.Contains(request.Name))
            throw ApiError.Forbidden(request.Resource, request.Name, "this namespace may not be deleted").From("admission:" + Name);
        if (string.IsNullOrEmpty(request.Namespace) || isNamespace) return;
        if (request.Operation == AdmissionRequest.Delete) return;

        var ns = context.Get("", "v1", "Namespace", null, request.Namespace)
            ?? throw new ApiError(404, "NotFound", $"namespaces \"{request.Namespace}\" not found",
                new JsonObject { ["name"] = request.Namespace, ["kind"] = "namespaces" }).From("admission:" + Name);
        if (request.Operation == AdmissionRequest.Create && ns["status"]?["phase"]?.GetValue<string>() == "Terminating")
            throw new ApiError(403, "Forbidden",
                $"{request.Resource.GroupResource} \"{request.Name}\" is forbidden: unable to create new content in namespace {request.Namespace} because it is being terminated",
                new JsonObject
                {
                    ["name"] = request.Name, ["group"] = request.Resource.Group, ["kind"] = request.Resource.Plural,
                    ["causes"] = new JsonArray(new JsonObject
                    {
                        ["reason"] = "NamespaceTerminating", ["message"] = $"namespace {request.Namespace} is being terminated", ["field"] = "metadata.namespace",
                    }),
                }).From("admission:" + Name);
    }
}
