using InferenceBox.Specs.Support.Cluster;

namespace InferenceBox.Specs.Tests.Security;

/// <summary>
/// Kiali's service account's reviews, judged by the RBAC authorizer's reason (kubernetes/kubernetes
/// plugin/pkg/auth/authorizer/rbac/rbac.go "RBAC: allowed by " + pkg/registry/rbac/validation/rule.go
/// clusterRoleBindingDescriber: ClusterRoleBinding "name" of ClusterRole "role" to ServiceAccount "sa/ns"). With
/// anonymous access and view_only_mode false, kiali-server 2.11.0 binds ClusterRole "kiali" through ClusterRoleBinding
/// "kiali" (kiali/helm-charts@v2.11.0 kiali-server/templates/rolebinding.yaml), which may also delete.
/// </summary>
public sealed class KialiRbacVerdictTests
{
    private static AccessReview Review(bool allowed, string reason, string verb = "list") =>
        new("system:serviceaccount:istio-system:kiali", verb, "authorizationpolicies.security.istio.io", "tenant-a", allowed, reason);

    [Fact]
    public void The_read_is_allowed_by_the_viewer_binding_and_not_by_the_writer_one()
    {
        const string Viewer = "RBAC: allowed by ClusterRoleBinding \"kiali-viewer\" of ClusterRole \"kiali-viewer\" to ServiceAccount \"kiali/istio-system\"";
        const string Writer = "RBAC: allowed by ClusterRoleBinding \"kiali\" of ClusterRole \"kiali\" to ServiceAccount \"kiali/istio-system\"";
        AccessReviewVerdict.WhyNotAllowedByClusterRoleBinding(Review(true, Viewer), "kiali-viewer", "kiali-viewer").Should().BeNull();
        AccessReviewVerdict.WhyNotAllowedByClusterRoleBinding(Review(true, Writer), "kiali-viewer", "kiali-viewer").Should().Contain("not by ClusterRoleBinding kiali-viewer");
        AccessReviewVerdict.WhyNotAllowedByClusterRoleBinding(Review(false, ""), "kiali-viewer", "kiali-viewer").Should().Contain("may not list");
    }

    [Fact]
    public void A_delete_the_writer_binding_allows_is_no_denial() =>
        AccessReviewVerdict.WhyNotDenied(Review(true, "RBAC: allowed by ClusterRoleBinding \"kiali\" of ClusterRole \"kiali\" to ServiceAccount \"kiali/istio-system\"", "delete"))
            .Should().Contain("may delete");
}
