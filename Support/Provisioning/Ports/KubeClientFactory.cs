using k8s;

namespace InferenceBox.Specs.Support.Provisioning.Ports;

/// <summary>Builds the <see cref="IKubernetes"/> client for the chosen context (the one the run hook registers).</summary>
public static class KubeClientFactory
{
    /// <summary>INFERENCEBOX_KUBECONFIG, else $KUBECONFIG (first entry), else ~/.kube/config.</summary>
    public static string KubeconfigPath(string? configured) =>
        configured
        ?? Environment.GetEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");

    public static IKubernetes Create(string? kubeconfig, string context) =>
        new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath(kubeconfig), currentContext: context));
}
