using InferenceBox.Platform.Manifests;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// The AI gateway is part of the default platform (issue 12): every backend of every AIGatewayRoute rule is the cluster-local
/// predictor of an InferenceService the default profile deploys (manifests/inference/&lt;tenant&gt;/, not the full profile's
/// extras/ nor the canary scenario's canary/), and every rule names the model it routes (an Exact <c>x-ai-eg-model</c>
/// match: the model the client asks for, envoyproxy/ai-gateway@v0.2.1 api/v1alpha1/api.go AIModelHeaderKey). Otherwise the
/// AI route of a default run answers with a backend that does not exist, which no scenario may take for the AI gateway's fault.
/// </summary>
public static class AiRouteBackendCheck
{
    public static IEnumerable<ValidationError> Run(IReadOnlyList<ManifestObject> objects)
    {
        var deployed = objects.Where(o => o.Kind == "InferenceService")
            .ToLookup(o => (o.Namespace ?? "", o.Name ?? ""));
        foreach (var backend in AiRouteBackends.Of(objects))
        {
            var at = $".spec.rules[{backend.RuleIndex}]";
            if (backend.Model is null)
                yield return Error(backend, at + ".matches", $"names no model: match the header {AiRouteBackends.ModelHeader} (type Exact) " +
                    "on the model name clients send in the request body's \"model\"");
            if (backend.Service is null || backend.Backend is null)
                continue; // ReferenceCheck reports the missing AIServiceBackend or Backend
            if (backend.Hosts.Count == 0)
                yield return Error(backend, at + ".backendRefs", $"reaches Backend {backend.Backend.Namespace}/{backend.Backend.Name}, which has no FQDN endpoint");
            foreach (var host in backend.Hosts)
            {
                if (AiRouteBackends.PredictorOf(host) is not { } predictor)
                {
                    yield return Error(backend, at + ".backendRefs", $"reaches {host} (Backend {backend.Backend.Name}), which is no InferenceService's " +
                        "cluster-local predictor host <name>-predictor.<namespace>.svc.cluster.local: the AI gateway must front a model of the platform");
                    continue;
                }
                var services = deployed[predictor].ToList();
                if (services.Count == 0)
                    yield return Error(backend, at + ".backendRefs", $"routes model {backend.Model} to InferenceService {predictor.Namespace}/{predictor.Name}, " +
                        "which manifests/ does not define");
                else if (!services.Any(DefaultProfile))
                    yield return Error(backend, at + ".backendRefs", $"routes model {backend.Model} to InferenceService {predictor.Namespace}/{predictor.Name}, " +
                        $"which only {services[0].File} deploys: the default profile would have no backend for it. Serve it from manifests/inference/<tenant>/");
            }
        }
    }

    private static bool DefaultProfile(ManifestObject o) =>
        !o.File.StartsWith(SemanticChecks.ExtrasFolder, StringComparison.Ordinal) && !o.File.StartsWith(SemanticChecks.CanaryFolder, StringComparison.Ordinal);

    private static ValidationError Error(AiRouteBackend backend, string path, string message) =>
        new(backend.Route.File, backend.Route.Describe(), path, message);
}
