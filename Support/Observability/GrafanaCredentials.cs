using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;

namespace InferenceBox.Specs.Support.Observability;

/// <summary>
/// Grafana's admin login as kube-prometheus-stack stores it: Secret "&lt;release&gt;-grafana" with keys admin-user and
/// admin-password. Read from the cluster so no password lives in the repo or the settings; never logged.
/// </summary>
public static class GrafanaCredentials
{
    public const string Namespace = "monitoring";
    public const string SecretName = "prometheus-grafana";

    /// <summary>The admin credential, or null when the Secret does not exist (e.g. anonymous access configured).</summary>
    public static async Task<NetworkCredential?> FromClusterAsync(IKubernetes k8s, CancellationToken ct = default)
    {
        try
        {
            var secret = await k8s.CoreV1.ReadNamespacedSecretAsync(SecretName, Namespace, cancellationToken: ct);
            return secret.Data is { } data && data.TryGetValue("admin-user", out var user) && data.TryGetValue("admin-password", out var password)
                ? new NetworkCredential(Encoding.UTF8.GetString(user), Encoding.UTF8.GetString(password))
                : null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
