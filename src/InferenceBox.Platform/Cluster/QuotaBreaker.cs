using System.Globalization;
using System.Text.Json.Nodes;

namespace InferenceBox.Platform.Cluster;

/// <summary>How many replicas of how big a predictor it takes to exceed a CPU quota without breaking the per-container maximum.</summary>
public sealed record QuotaAsk(int Replicas, string Cpu, string Memory)
{
    public override string ToString() => $"{Replicas} replicas x (cpu {Cpu}, memory {Memory})";
}

/// <summary>Plans and builds the over-quota InferenceService of the ResourceQuota scenario.</summary>
public static class QuotaBreaker
{
    /// <summary>
    /// Each container asks the LimitRange's maximum CPU (or the whole quota plus one when there is no maximum), and
    /// there are enough replicas for the model containers alone to need more than the quota.
    /// </summary>
    public static QuotaAsk Plan(decimal quotaCpu, decimal? maxCpuPerContainer, string? maxMemoryPerContainer)
    {
        var cpu = maxCpuPerContainer ?? quotaCpu + 1;
        var replicas = (int)Math.Floor(quotaCpu / cpu) + 1;
        return new QuotaAsk(replicas, cpu.ToString(CultureInfo.InvariantCulture), maxMemoryPerContainer ?? "512Mi");
    }

    public static JsonObject InferenceService(string tenant, string name, QuotaAsk ask)
    {
        var resources = new JsonObject { ["cpu"] = ask.Cpu, ["memory"] = ask.Memory };
        return new JsonObject
        {
            ["apiVersion"] = "serving.kserve.io/v1beta1", ["kind"] = "InferenceService",
            // Cluster-local like every model of the platform (manifests/inference/tenant-a/sklearn-iris.yaml, issue 19 item 6).
            ["metadata"] = new JsonObject
            {
                ["name"] = name, ["namespace"] = tenant,
                ["labels"] = new JsonObject { ["networking.knative.dev/visibility"] = "cluster-local" },
            },
            ["spec"] = new JsonObject
            {
                // Restricted like every predictor of manifests/inference (issue 19 item 8): a pod PodSecurity refused would
                // never reach the quota, so the scenario must be refused by the quota and nothing else.
                ["predictor"] = new JsonObject
                {
                    ["minReplicas"] = ask.Replicas, ["maxReplicas"] = ask.Replicas,
                    ["automountServiceAccountToken"] = false,
                    ["securityContext"] = new JsonObject { ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" } },
                    ["model"] = new JsonObject
                    {
                        ["modelFormat"] = new JsonObject { ["name"] = "sklearn" }, ["runtime"] = "kserve-sklearnserver",
                        ["storageUri"] = "pvc://models/sklearn-iris/v1",
                        ["resources"] = new JsonObject { ["requests"] = resources, ["limits"] = resources.DeepClone() },
                        ["securityContext"] = new JsonObject
                        {
                            ["runAsNonRoot"] = true, ["allowPrivilegeEscalation"] = false,
                            ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
                            ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
                        },
                    },
                },
            },
        };
    }
}
