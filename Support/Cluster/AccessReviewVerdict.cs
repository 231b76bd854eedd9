namespace InferenceBox.Specs.Support.Cluster;

/// <summary>
/// Judges SubjectAccessReview answers. A denial counts only with an empty evaluationError (an authorizer that failed
/// to evaluate also answers allowed=false). An allowance counts for a tenant's RBAC only when the RBAC authorizer names a
/// RoleBinding in that tenant's namespace: its reason is "RBAC: allowed by " + the binding's description
/// (kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go authorizingVisitor.visit, read at commit 01aa0f3f;
/// pkg/registry/rbac/validation/rule.go roleBindingDescriber: RoleBinding "&lt;name&gt;/&lt;namespace&gt;" of Role
/// "&lt;role&gt;" to ServiceAccount "&lt;sa&gt;/&lt;namespace&gt;"), so an allowance by a ClusterRoleBinding (say, a service
/// account made cluster-admin) does not pass for the tenant's own Role.
/// </summary>
public static class AccessReviewVerdict
{
    public static string? WhyNotDenied(AccessReview review) =>
        review.Allowed ? $"{review.User} may {Action(review)}: {review.Reason}"
        : review.EvaluationError.Length > 0 ? $"the review of {review.User} could not be evaluated ({review.EvaluationError}): that is no denial"
        : null;

    public static string? WhyNotAllowedByTenantRole(AccessReview review, string tenant)
    {
        if (!review.Allowed)
            return $"{review.User} may not {Action(review)}" + (review.EvaluationError.Length > 0 ? $" (evaluation error: {review.EvaluationError})" : $" (reason: \"{review.Reason}\")");
        if (review.EvaluationError.Length > 0) return $"allowed, but with an evaluation error: {review.EvaluationError}";
        return review.Reason.StartsWith("RBAC: allowed by RoleBinding \"", StringComparison.Ordinal) && review.Reason.Contains($"/{tenant}\" of ", StringComparison.Ordinal)
            ? null
            : $"allowed by \"{review.Reason}\", not by a RoleBinding in {tenant}";
    }

    /// <summary>
    /// Null when the review allowed it by exactly this ClusterRoleBinding of this ClusterRole: the RBAC authorizer's reason is
    /// "RBAC: allowed by ClusterRoleBinding "&lt;name&gt;" of ClusterRole "&lt;role&gt;" to …" (pkg/registry/rbac/validation/rule.go
    /// clusterRoleBindingDescriber), so a wider binding that also allows it does not pass for the one the platform promises.
    /// </summary>
    public static string? WhyNotAllowedByClusterRoleBinding(AccessReview review, string binding, string clusterRole)
    {
        if (!review.Allowed)
            return $"{review.User} may not {Action(review)}" + (review.EvaluationError.Length > 0 ? $" (evaluation error: {review.EvaluationError})" : $" (reason: \"{review.Reason}\")");
        return review.Reason.StartsWith($"RBAC: allowed by ClusterRoleBinding \"{binding}\" of ClusterRole \"{clusterRole}\"", StringComparison.Ordinal)
            ? null
            : $"allowed by \"{review.Reason}\", not by ClusterRoleBinding {binding} of ClusterRole {clusterRole}";
    }

    private static string Action(AccessReview r) => $"{r.Verb} {r.Resource} in {r.Namespace}";
}
