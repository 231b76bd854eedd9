using System.Net;
using k8s;
using k8s.Autorest;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Support.Cluster;

/// <summary>What the API server said to a pod: admitted, or refused with its status code and message (a dry run: nothing is created).</summary>
public sealed record PodAdmission(string Pod, string Namespace, bool Admitted, int Status, string Message);

public sealed partial class ClusterDriver
{
    /// <summary>
    /// The suite's client pod (no sidecar, no call made), with its restricted securityContext or stripped of every
    /// securityContext, created in a server-side dry run: admission runs in full (kubernetes apiserver: dryRun=All goes
    /// through mutating and validating admission, PodSecurity included) and nothing is stored. Never throws for a refusal.
    /// </summary>
    public async Task<PodAdmission> AttemptClientPodAsync(string ns, bool withSecurityContext, CancellationToken ct = default)
    {
        var name = resources.UniqueName(withSecurityContext ? "restricted" : "unrestricted");
        var pod = ClientPods.Build(new InMeshCall(ns, false, new Uri("http://pod-security.invalid/")), name, null, resources.Labels,
            run.Budgets.ClientPodFinished);
        if (!withSecurityContext)
        {
            pod.Spec.SecurityContext = null;
            foreach (var c in pod.Spec.Containers) c.SecurityContext = null;
        }
        timeline.Record("cluster", $"dry-run create of pod {ns}/{name} ({(withSecurityContext ? "restricted securityContext" : "no securityContext")})");
        PodAdmission answer;
        try
        {
            await api.Client.CoreV1.CreateNamespacedPodAsync(pod, ns, dryRun: "All", cancellationToken: ct);
            answer = new PodAdmission(name, ns, true, 201, "");
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Unauthorized))
        {
            var status = ApiStatus.From(e);
            answer = new PodAdmission(name, ns, false, status.Code, status.Message);
        }
        timeline.Record("cluster", $"pod {ns}/{name}: {(answer.Admitted ? "admitted" : $"refused {answer.Status}: {answer.Message}")}");
        return answer;
    }
}
