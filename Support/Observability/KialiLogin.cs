using k8s;
using k8s.Models;

namespace InferenceBox.Specs.Support.Observability;

/// <summary>
/// How the suite logs in to Kiali, whose token strategy acts with the caller's own Kubernetes token (values/kiali.yaml;
/// kiali/kiali@v2.11.0 handlers/authentication/token_auth_controller.go). The token is asked for through the TokenRequest
/// API for the read-only ServiceAccount manifests/platform/observability/kiali-reader.yaml, for the shortest lifetime the
/// API server grants (600 s: kubernetes/kubernetes pkg/apis/authentication/validation, "may not specify a duration less
/// than 10 minutes"), with the API server's default audience, which is what Kiali checks it against. It lives in memory
/// only: never in the settings, a log or a report.
/// </summary>
public sealed class KialiLogin(Func<CancellationToken, Task<string>> token, string account)
{
    public const string ServiceAccountNamespace = "istio-system";
    public const string ServiceAccount = "inferencebox-kiali-reader";
    public const long TokenSeconds = 600;

    /// <summary>Who logs in, for messages: the service account's user name.</summary>
    public string Account { get; } = account;

    public Task<string> TokenAsync(CancellationToken ct) => token(ct);

    /// <summary>The suite's read-only account, with a fresh short-lived token at every login.</summary>
    public static KialiLogin ReadOnlyAccount(IKubernetes k8s) =>
        new(async ct =>
        {
            var issued = await k8s.CoreV1.CreateNamespacedServiceAccountTokenAsync(
                new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = TokenSeconds } },
                ServiceAccount, ServiceAccountNamespace, cancellationToken: ct);
            return issued.Status?.Token is { Length: > 0 } t ? t
                : throw new InvalidOperationException($"The TokenRequest API gave no token for {ServiceAccountNamespace}/{ServiceAccount}.");
        }, $"system:serviceaccount:{ServiceAccountNamespace}:{ServiceAccount}");
}
