using System.Text.Json.Nodes;
using static InferenceBox.Platform.Rehearsal.StandInObjects;

namespace InferenceBox.Platform.Rehearsal;

// Istio's objects that admission depends on (issue 19 item 8): the injector's settings and the CNI node agent.
public static partial class ChartContents
{
    /// <summary>
    /// ConfigMap istio-sidecar-injector's <c>values</c>, which the injector reads (istio-discovery
    /// templates/istiod-injector-configmap.yaml: global, and the top-level cni as pilot.cni), so the emulator's injection
    /// follows the release's values: with CNI, istio-validation instead of istio-init.
    /// </summary>
    private static JsonObject InjectorConfigMap(string ns, JsonObject values) => ConfigMap(ns, "istio-sidecar-injector", new Dictionary<string, string>
    {
        ["values"] = new JsonObject
        {
            ["global"] = values["global"]?.DeepClone() ?? new JsonObject(),
            ["pilot"] = new JsonObject { ["cni"] = (values["cni"] ?? values["pilot"]?["cni"])?.DeepClone() ?? new JsonObject { ["enabled"] = false } },
        }.ToJsonString(),
    });

    /// <summary>
    /// DaemonSet istio-cni-node as the chart renders it, as far as admission looks: the install-cni container as root with
    /// added capabilities and the node's CNI folders as hostPath volumes, which only a privileged namespace admits.
    /// </summary>
    private static JsonObject CniDaemonSet(string ns, string version) => new()
    {
        ["apiVersion"] = "apps/v1", ["kind"] = "DaemonSet",
        ["metadata"] = new JsonObject { ["name"] = "istio-cni-node", ["namespace"] = ns, ["labels"] = new JsonObject { ["k8s-app"] = "istio-cni-node" } },
        ["spec"] = new JsonObject
        {
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["k8s-app"] = "istio-cni-node" } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["labels"] = new JsonObject { ["k8s-app"] = "istio-cni-node", ["sidecar.istio.io/inject"] = "false" },
                },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "install-cni", ["image"] = $"rehearsal.invalid/install-cni:{version}",
                        ["securityContext"] = J("""
                            {"privileged":false,"runAsGroup":0,"runAsUser":0,"runAsNonRoot":false,
                             "capabilities":{"drop":["ALL"],"add":["NET_ADMIN","NET_RAW","SYS_PTRACE","SYS_ADMIN","DAC_OVERRIDE"]}}
                            """),
                    }),
                    ["volumes"] = new JsonArray(
                        J("""{"name":"cni-bin-dir","hostPath":{"path":"/opt/cni/bin"}}"""),
                        J("""{"name":"cni-net-dir","hostPath":{"path":"/etc/cni/net.d"}}""")),
                },
            },
        },
    };
}
