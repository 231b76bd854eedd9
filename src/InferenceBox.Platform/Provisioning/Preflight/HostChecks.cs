using System.Net;
using System.Net.Sockets;
using InferenceBox.Platform.Settings;
using k8s;

namespace InferenceBox.Platform.Provisioning.Preflight;

/// <summary>Host ports free for Kind's port mappings, and the kube context the mode expects.</summary>
public static class HostChecks
{
    // What each host port is for, in the messages only: which ports are checked is kind/cluster.yaml's to say.
    private static readonly IReadOnlyDictionary<int, string> Purposes = new Dictionary<int, string>
    {
        [8443] = "gateway, HTTPS", [8080] = "gateway, plain HTTP that redirects", [8081] = "AI gateway",
        [30090] = "Prometheus", [30300] = "Grafana", [30686] = "Jaeger query", [30201] = "Kiali",
    };

    /// <summary>
    /// The host ports Kind maps, read from the kind config the cluster is created with (one home: a port added there,
    /// such as the gateway's HTTPS 8443, is checked here without a second list to keep in step).
    /// </summary>
    public static IReadOnlyDictionary<int, string> KindPorts(string manifestsDir) =>
        Schemas.KindClusterCheck.MappedHostPorts(manifestsDir)
            .ToDictionary(p => p.Key, p => Purposes.TryGetValue(p.Key, out var purpose) ? $"{purpose}; {p.Value}" : p.Value);

    public static IEnumerable<string> PortProblems(IReadOnlyDictionary<int, string> ports)
    {
        foreach (var (port, purpose) in ports)
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            string? problem = null;
            try { listener.Start(); }
            catch (SocketException)
            {
                problem = $"Host port {port} ({purpose}) is in use on 127.0.0.1; Kind must map it. Stop whatever listens there " +
                          $"(`lsof -i :{port}` or `ss -ltnp 'sport = :{port}'`), or delete an old cluster, and run again.";
            }
            finally { listener.Stop(); }
            if (problem is not null) yield return problem;
        }
    }

    public static string? ContextProblem(InferenceBoxSettings settings, string kubeconfigPath, bool clusterExists)
    {
        if (settings.Mode is RunMode.Provision or RunMode.Rehearse)
        {
            if (settings.KubeContext != InferenceBoxSettings.KindContext)
                return $"INFERENCEBOX_KUBE_CONTEXT={settings.KubeContext}, but provision mode uses Kind cluster " +
                       $"{InferenceBoxSettings.ClusterName} (context {InferenceBoxSettings.KindContext}). Unset INFERENCEBOX_KUBE_CONTEXT, " +
                       $"or set INFERENCEBOX_MODE=attach to test {settings.KubeContext}.";
            if (!clusterExists) return null; // kind create adds the context
        }
        var contexts = ReadContexts(kubeconfigPath, out var readError);
        if (readError is not null)
            return $"Cannot read kubeconfig {kubeconfigPath}: {readError}. Set INFERENCEBOX_KUBECONFIG (or KUBECONFIG) to a valid file.";
        if (contexts.Contains(settings.KubeContext)) return null;
        return settings.Mode == RunMode.Attach
            ? $"Kube context '{settings.KubeContext}' is not in {kubeconfigPath} (it has: {string.Join(", ", contexts.DefaultIfEmpty("none"))}). " +
              "Set INFERENCEBOX_KUBE_CONTEXT to one of them, or INFERENCEBOX_KUBECONFIG to the right file."
            : $"Kind cluster {InferenceBoxSettings.ClusterName} exists but context {settings.KubeContext} is not in {kubeconfigPath}. " +
              $"Run `kind export kubeconfig --name {InferenceBoxSettings.ClusterName}` and run again.";
    }

    private static IReadOnlyList<string> ReadContexts(string path, out string? error)
    {
        error = null;
        if (!File.Exists(path)) { error = "file not found"; return []; }
        try
        {
            var config = KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(path));
            return config.Contexts?.Select(c => c.Name).ToList() ?? [];
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or YamlDotNet.Core.YamlException or IOException)
        {
            error = e.Message;
            return [];
        }
    }
}
