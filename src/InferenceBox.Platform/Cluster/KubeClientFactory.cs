using k8s;

namespace InferenceBox.Platform.Cluster;

/// <summary>Builds the <see cref="IKubernetes"/> client for the chosen context (the one the run hook registers).</summary>
public static class KubeClientFactory
{
    /// <summary>
    /// INFERENCEBOX_KUBECONFIG when set; otherwise the file kind writes the cluster's context to, found the way kind
    /// finds it (kubernetes-sigs/kind@v0.29.0 pkg/cluster/internal/kubeconfig/internal/kubeconfig/paths.go,
    /// <c>paths</c> and <c>pathForMerge</c>): the entries of $KUBECONFIG without empties and duplicates; a single
    /// entry is used as is; of several, the first that exists as a file, else the last; without $KUBECONFIG,
    /// $HOME/.kube/config.
    /// </summary>
    public static string KubeconfigPath(string? configured, Func<string, string?>? getEnv = null)
    {
        if (configured is not null) return configured;
        getEnv ??= Environment.GetEnvironmentVariable;
        var entries = (getEnv("KUBECONFIG") ?? "").Split(Path.PathSeparator)
            .Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return entries switch
        {
            [] => Path.Combine(getEnv("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config"),
            [var only] => only,
            _ => entries.FirstOrDefault(File.Exists) ?? entries[^1],
        };
    }

    public static IKubernetes Create(string? kubeconfig, string context) =>
        new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath(kubeconfig), currentContext: context));
}
