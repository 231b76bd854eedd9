using k8s;
using k8s.Autorest;
using k8s.Models;

namespace InferenceBox.Specs.Support.Provisioning.Ports;

// Core-group (apiVersion "v1") kinds have typed endpoints only; these are the ones our manifests use.
public sealed partial class KubernetesClusterPort
{
    private Task ApplyCoreAsync(V1Patch patch, string kind, string name, string? ns, CancellationToken ct) => kind switch
    {
        "Namespace" => client.CoreV1.PatchNamespaceAsync(patch, name, fieldManager: FieldManager, force: true, cancellationToken: ct),
        "PersistentVolume" => client.CoreV1.PatchPersistentVolumeAsync(patch, name, fieldManager: FieldManager, force: true, cancellationToken: ct),
        "ConfigMap" => client.CoreV1.PatchNamespacedConfigMapAsync(patch, name, ns, fieldManager: FieldManager, force: true, cancellationToken: ct),
        "Secret" => client.CoreV1.PatchNamespacedSecretAsync(patch, name, ns, fieldManager: FieldManager, force: true, cancellationToken: ct),
        "Service" => client.CoreV1.PatchNamespacedServiceAsync(patch, name, ns, fieldManager: FieldManager, force: true, cancellationToken: ct),
        "ServiceAccount" => client.CoreV1.PatchNamespacedServiceAccountAsync(patch, name, ns, fieldManager: FieldManager, force: true, cancellationToken: ct),
        "PersistentVolumeClaim" => client.CoreV1.PatchNamespacedPersistentVolumeClaimAsync(patch, name, ns, fieldManager: FieldManager, force: true, cancellationToken: ct),
        _ => throw new NotSupportedException($"Applying core kind {kind} is not supported; add it to {nameof(KubernetesClusterPort)}."),
    };

    private async Task<bool> ExistsCoreAsync(string kind, string name, string? ns, CancellationToken ct)
    {
        try
        {
            _ = kind switch
            {
                "Namespace" => (object)await client.CoreV1.ReadNamespaceAsync(name, cancellationToken: ct),
                "PersistentVolume" => await client.CoreV1.ReadPersistentVolumeAsync(name, cancellationToken: ct),
                "ConfigMap" => await client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct),
                "Secret" => await client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: ct),
                "Service" => await client.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: ct),
                "ServiceAccount" => await client.CoreV1.ReadNamespacedServiceAccountAsync(name, ns, cancellationToken: ct),
                "PersistentVolumeClaim" => await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync(name, ns, cancellationToken: ct),
                _ => throw new NotSupportedException($"Reading core kind {kind} is not supported."),
            };
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound) { return false; }
    }
}
