using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;

namespace InferenceBox.Platform.Observability;

/// <summary>
/// Grafana's admin login (issue 19 item 2): the provisioner generates the password once into Secret
/// <see cref="SecretName"/> (keys <see cref="UserKey"/>, <see cref="PasswordKey"/>), and kube-prometheus-stack's Grafana reads
/// it there (values grafana.admin.existingSecret; grafana/helm-charts@grafana-9.2.7 charts/grafana/templates/_pod.tpl sets
/// GF_SECURITY_ADMIN_USER/PASSWORD from that Secret). The suite reads it from the cluster too, so no password lives in the
/// repository, the settings or a log.
/// </summary>
public static class GrafanaCredentials
{
    public const string Namespace = "monitoring";
    public const string SecretName = "grafana-admin";
    public const string UserKey = "admin-user", PasswordKey = "admin-password";
    public const string AdminUser = "admin";

    /// <summary>The admin credential, or null when the Secret does not exist (an attached cluster may allow anonymous reads).</summary>
    public static async Task<NetworkCredential?> FromClusterAsync(IKubernetes k8s, CancellationToken ct = default)
    {
        try
        {
            var secret = await k8s.CoreV1.ReadNamespacedSecretAsync(SecretName, Namespace, cancellationToken: ct);
            return secret.Data is { } data && data.TryGetValue(UserKey, out var user) && data.TryGetValue(PasswordKey, out var password)
                ? new NetworkCredential(Encoding.UTF8.GetString(user), Encoding.UTF8.GetString(password))
                : null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
