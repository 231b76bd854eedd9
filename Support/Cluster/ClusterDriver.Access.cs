using System.Net;
using System.Text.Json.Nodes;
using InferenceBox.Specs.Support.Waiting;
using k8s;
using k8s.Autorest;
using k8s.Models;

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
        var review = await _client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
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
        _timeline.Record("cluster", $"access review: {user} {verb} {resource} in {targetNamespace} -> {(result.Allowed ? "allowed" : "denied")}");
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
        var quota = (await _client.CoreV1.ListNamespacedResourceQuotaAsync(tenant, cancellationToken: ct)).Items
            .FirstOrDefault(q => q.Spec.Hard?.ContainsKey("requests.cpu") == true)
            ?? throw new InvalidOperationException($"{tenant} has no ResourceQuota on requests.cpu: the platform promises one per tenant.");
        var max = (await _client.CoreV1.ListNamespacedLimitRangeAsync(tenant, cancellationToken: ct)).Items
            .SelectMany(l => l.Spec.Limits).FirstOrDefault(l => l.Type == "Container" && l.Max?.ContainsKey("cpu") == true)?.Max;
        var plan = QuotaBreaker.Plan(quota.Spec.Hard["requests.cpu"].ToDecimal(), max?["cpu"].ToDecimal(), max?.TryGetValue("memory", out var m) == true ? m.ToString() : null);
        _timeline.Record("cluster", $"quota {quota.Metadata.Name} in {tenant}: requests.cpu {quota.Spec.Hard["requests.cpu"]}; asking {plan}");
        var name = _resources.UniqueName("quota");
        var manifest = QuotaBreaker.InferenceService(tenant, name, plan);
        try
        {
            await ApplyOwnedAsync(manifest, ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.UnprocessableEntity)
        {
            var message = Status(e.Response.Content);
            _timeline.Record("cluster", $"API refused {name}: {message}");
            return new QuotaOutcome("api", message);
        }
        var final = await _waiter.WaitAsync(ObjectRef.InferenceService(tenant, name), "to be refused by a quota or become Ready",
            WaitBudgets.Names.InferenceServiceReady, QuotaVerdict, ct);
        var summary = final is null ? "gone" : ObjectState.Summary(final);
        return summary.Contains("exceeded quota", StringComparison.OrdinalIgnoreCase)
            ? new QuotaOutcome("controller", summary)
            : new QuotaOutcome(null, $"not refused: {summary}");
    }

    public static WaitVerdict QuotaVerdict(JsonNode? isvc)
    {
        if (isvc is null) return new(false, "not found");
        var summary = ObjectState.Summary(isvc);
        return new(summary.Contains("exceeded quota", StringComparison.OrdinalIgnoreCase) || ObjectState.ConditionTrue(isvc, "Ready").Done, summary);
    }

    private static string Status(string? body)
    {
        try { return (string?)JsonNode.Parse(body ?? "")?["message"] ?? body ?? ""; }
        catch (System.Text.Json.JsonException) { return body ?? ""; }
    }
}
