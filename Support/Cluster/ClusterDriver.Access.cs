using System.Net;
using System.Text.Json.Nodes;
using InferenceBox.Platform.Waiting;
using k8s;
using k8s.Autorest;
using k8s.Models;
using InferenceBox.Platform.Cluster;
using InferenceBox.Platform.Emulator.Admission;

namespace InferenceBox.Specs.Support.Cluster;

/// <summary>
/// Kubernetes' answer to "may this user do this?" (SubjectAccessReview status: allowed, reason, evaluationError).
/// Judged by <see cref="AccessReviewVerdict"/>.
/// </summary>
public sealed record AccessReview(string User, string Verb, string Resource, string Namespace, bool Allowed, string Reason,
    string EvaluationError = "");

/// <summary>How an over-quota InferenceService was stopped: by the API at creation, or later on its pods; or not at all.</summary>
public sealed record QuotaOutcome(string? RefusedBy, string Message);

public sealed partial class ClusterDriver
{
    public async Task<AccessReview> ReviewAccessAsync(string serviceAccountNamespace, string serviceAccount, string verb, string resource,
        string targetNamespace, CancellationToken ct = default)
    {
        var user = $"system:serviceaccount:{serviceAccountNamespace}:{serviceAccount}";
        // A SubjectAccessReview is a question, not an object to apply or read: KubernetesClient's typed create asks it.
        var review = await api.Client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user,
                Groups = ["system:serviceaccounts", $"system:serviceaccounts:{serviceAccountNamespace}", "system:authenticated"],
                ResourceAttributes = new V1ResourceAttributes { Verb = verb, Resource = resource, NamespaceProperty = targetNamespace },
            },
        }, cancellationToken: ct);
        var result = new AccessReview(user, verb, resource, targetNamespace, review.Status.Allowed,
            review.Status.Reason ?? "", review.Status.EvaluationError ?? "");
        timeline.Record("cluster", $"access review: {user} {verb} {resource} in {targetNamespace} -> {(result.Allowed ? "allowed" : "denied")}");
        return result;
    }

    /// <summary>
    /// Creates an InferenceService in <paramref name="tenant"/> whose pods together need more CPU than the tenant's
    /// ResourceQuota allows, each container staying within the LimitRange's maximum (else the LimitRange, not the
    /// quota, would refuse it). A quota on object counts refuses it at the API (that refusal is returned); otherwise
    /// its pods are refused, which surfaces as an "exceeded quota" message in its status within the budget.
    /// </summary>
    public async Task<QuotaOutcome> AttemptOverQuotaInferenceServiceAsync(string tenant, CancellationToken ct = default)
    {
        var (quotas, _) = await api.ListAsync(await api.ResolveAsync("v1", "ResourceQuota", ct), tenant, null, null, ct);
        var quota = quotas.FirstOrDefault(q => q["spec"]?["hard"]?["requests.cpu"] is not null)
            ?? throw new InvalidOperationException($"{tenant} has no ResourceQuota on requests.cpu: the platform promises one per tenant.");
        var (limitRanges, _) = await api.ListAsync(await api.ResolveAsync("v1", "LimitRange", ct), tenant, null, null, ct);
        var max = limitRanges.SelectMany(l => l["spec"]?["limits"] as JsonArray ?? [])
            .FirstOrDefault(l => (string?)l?["type"] == "Container" && l?["max"]?["cpu"] is not null)?["max"];
        var quotaCpu = (string)quota["spec"]!["hard"]!["requests.cpu"]!;
        var plan = QuotaBreaker.Plan(new ResourceQuantity(quotaCpu).ToDecimal(),
            (string?)max?["cpu"] is { } maxCpu ? new ResourceQuantity(maxCpu).ToDecimal() : null, (string?)max?["memory"]);
        timeline.Record("cluster", $"quota {quota["metadata"]?["name"]} in {tenant}: requests.cpu {quotaCpu}; asking {plan}");
        var name = resources.UniqueName("quota");
        var manifest = QuotaBreaker.InferenceService(tenant, name, plan);
        try
        {
            await ApplyOwnedAsync(manifest, ct);
        }
        catch (ApplyFailedException e) when (e.InnerException is HttpOperationException
                                             { Response.StatusCode: HttpStatusCode.Forbidden or HttpStatusCode.UnprocessableEntity } refused)
        {
            var message = ApiStatus.From(refused).Message;
            timeline.Record("cluster", $"API refused {name}: {message}");
            return new QuotaOutcome("api", message);
        }
        var final = await WaitAsync(ObjectRef.InferenceService(tenant, name), "to be refused by a quota or become Ready",
            WaitBudgets.Names.InferenceServiceReady, QuotaVerdict, ct);
        var summary = final is null ? "gone" : ReadinessRules.Summary(final);
        return summary.Contains("exceeded quota", StringComparison.OrdinalIgnoreCase)
            ? new QuotaOutcome("controller", summary)
            : new QuotaOutcome(null, $"not refused: {summary}");
    }

    public static WaitVerdict QuotaVerdict(JsonObject? isvc)
    {
        if (isvc is null) return new(false, "not found");
        var summary = ReadinessRules.Summary(isvc);
        return new(summary.Contains("exceeded quota", StringComparison.OrdinalIgnoreCase) || ReadinessRules.Of(isvc).Done, summary);
    }
}
