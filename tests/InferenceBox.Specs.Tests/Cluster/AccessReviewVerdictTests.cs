using InferenceBox.Specs.Support.Cluster;

namespace InferenceBox.Specs.Tests.Cluster;

/// <summary>
/// Issue 17 item 4 on recorded SubjectAccessReview answers. Their reasons are what Kubernetes' RBAC authorizer writes:
/// "RBAC: allowed by " + the binding's description on an allowance, nothing on a plain denial
/// (kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go, pkg/registry/rbac/validation/rule.go
/// roleBindingDescriber / clusterRoleBindingDescriber, read at commit 01aa0f3f).
/// </summary>
public sealed class AccessReviewVerdictTests
{
    private const string User = "system:serviceaccount:tenant-a:default";

    private static AccessReview Review(string ns, bool allowed, string reason = "", string error = "") =>
        new(User, "get", "secrets", ns, allowed, reason, error);

    [Fact]
    public void A_denial_counts_only_without_an_evaluation_error()
    {
        AccessReviewVerdict.WhyNotDenied(Review("tenant-b", false)).Should().BeNull();
        AccessReviewVerdict.WhyNotDenied(Review("tenant-b", false, error: "webhook authorizer: connection refused"))
            .Should().Contain("could not be evaluated").And.Contain("connection refused");
        AccessReviewVerdict.WhyNotDenied(Review("tenant-b", true, "RBAC: allowed by ClusterRoleBinding \"everyone-reads\" of ClusterRole \"view-secrets\" to Group \"system:serviceaccounts\""))
            .Should().Contain("may get secrets in tenant-b");
    }

    [Fact]
    public void An_allowance_counts_only_when_a_RoleBinding_of_the_tenant_grants_it()
    {
        AccessReviewVerdict.WhyNotAllowedByTenantRole(Review("tenant-a", true,
            "RBAC: allowed by RoleBinding \"tenant-workloads/tenant-a\" of Role \"tenant-workloads\" to ServiceAccount \"default/tenant-a\""), "tenant-a")
            .Should().BeNull();
        AccessReviewVerdict.WhyNotAllowedByTenantRole(Review("tenant-a", true,
            "RBAC: allowed by ClusterRoleBinding \"cluster-admin-sa\" of ClusterRole \"cluster-admin\" to ServiceAccount \"default/tenant-a\""), "tenant-a")
            .Should().Contain("not by a RoleBinding in tenant-a", "a cluster-wide grant is not the tenant's own RBAC");
        AccessReviewVerdict.WhyNotAllowedByTenantRole(Review("tenant-a", false), "tenant-a")
            .Should().Contain("may not get secrets in tenant-a", "a vanilla cluster without the tenant's Role fails the positive review");
    }
}
