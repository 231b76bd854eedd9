using System.Net;
using System.Net.Sockets;
using System.Text;
using InferenceBox.Platform.Status;
using InferenceBox.Platform.Waiting;
using k8s;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Gateway;

/// <summary>
/// The platform step's live check over KubernetesClient against a loopback API server that answers the four cluster-wide
/// lists. The objects are shaped as the cluster holds them: Gateway status conditions as Envoy Gateway writes them
/// (envoyproxy/gateway@v1.4.2 internal/gatewayapi/status/gateway.go, updateGatewayProgrammedCondition: Programmed
/// False/AddressNotAssigned "No addresses have been assigned to the Gateway" until an address and an available Envoy
/// replica exist, each condition with observedGeneration), the HTTPRoute and EnvoyExtensionPolicy the AI Gateway controller generates
/// (envoyproxy/ai-gateway@v0.2.1 internal/controller/ai_gateway_route.go: same name, controller ownerReference;
/// internal/controller/gateway.go: ai-eg-eep-&lt;gateway&gt; targeting the Gateway).
/// </summary>
public sealed class AiGatewayStatusTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, string> _lists = new();
    private readonly AiGatewayStatus _status;

    public AiGatewayStatusTests()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = ServeAsync();
        _status = new AiGatewayStatus(new ClusterApi(new Kubernetes(new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{port}" }), new WaitBudgets()));
    }

    private static string Gateway(string name, string programmed) => $$$"""
        {"apiVersion":"gateway.networking.k8s.io/v1","kind":"Gateway","metadata":{"name":"{{{name}}}","namespace":"envoy-gateway-system","generation":1},
         "spec":{"gatewayClassName":"inferencebox","listeners":[{"name":"http","protocol":"HTTP","port":80}]},
         "status":{"conditions":[{"type":"Accepted","status":"True","reason":"Accepted","observedGeneration":1},
                                 {"type":"Programmed","status":"{{{programmed}}}","reason":"{{{(programmed == "True" ? "Programmed" : "AddressNotAssigned")}}}",
                                  "message":"{{{(programmed == "True" ? "Address assigned to the Gateway, 1/1 envoy replicas available" : "No addresses have been assigned to the Gateway")}}}","observedGeneration":1}]}}
        """;

    // Discovery as the API server answers GET /apis/<group>/<version> (an APIResourceList; kubernetes/apimachinery
    // pkg/apis/meta/v1/types.go APIResourceList): the adapter finds each kind's plural and scope there.
    private static string Resources(string groupVersion, params (string Plural, string Kind)[] kinds) =>
        $$$"""{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"{{{groupVersion}}}","resources":[{{{string.Join(",", kinds.Select(k =>
            $$"""{"name":"{{k.Plural}}","singularName":"{{k.Kind.ToLowerInvariant()}}","namespaced":true,"kind":"{{k.Kind}}","verbs":["get","list","watch","patch"]}"""))}}}]}""";

    private void Serve(string aiTarget, string aiGatewayProgrammed)
    {
        _lists["/apis/gateway.networking.k8s.io/v1"] = Resources("gateway.networking.k8s.io/v1", ("gateways", "Gateway"), ("httproutes", "HTTPRoute"));
        _lists["/apis/aigateway.envoyproxy.io/v1alpha1"] = Resources("aigateway.envoyproxy.io/v1alpha1", ("aigatewayroutes", "AIGatewayRoute"));
        _lists["/apis/gateway.envoyproxy.io/v1alpha1"] = Resources("gateway.envoyproxy.io/v1alpha1", ("envoyextensionpolicies", "EnvoyExtensionPolicy"));
        _lists["/apis/gateway.networking.k8s.io/v1/gateways"] = List("GatewayList", Gateway("inference-gateway", "True"), Gateway("ai-gateway", aiGatewayProgrammed));
        _lists["/apis/gateway.networking.k8s.io/v1/httproutes"] = List("HTTPRouteList",
            """{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"tenant-a-models","namespace":"tenant-a"},"spec":{"parentRefs":[{"name":"inference-gateway","namespace":"envoy-gateway-system"}]}}""",
            $$$"""{"apiVersion":"gateway.networking.k8s.io/v1","kind":"HTTPRoute","metadata":{"name":"openai","namespace":"envoy-gateway-system","ownerReferences":[{"apiVersion":"aigateway.envoyproxy.io/v1alpha1","kind":"AIGatewayRoute","name":"openai","uid":"u1","controller":true}]},"spec":{"parentRefs":[{"name":"{{{aiTarget}}}"}]}}""");
        _lists["/apis/aigateway.envoyproxy.io/v1alpha1/aigatewayroutes"] = List("AIGatewayRouteList",
            $$$"""{"apiVersion":"aigateway.envoyproxy.io/v1alpha1","kind":"AIGatewayRoute","metadata":{"name":"openai","namespace":"envoy-gateway-system"},"spec":{"schema":{"name":"OpenAI"},"targetRefs":[{"group":"gateway.networking.k8s.io","kind":"Gateway","name":"{{{aiTarget}}}"}]}}""");
        _lists["/apis/gateway.envoyproxy.io/v1alpha1/envoyextensionpolicies"] = List("EnvoyExtensionPolicyList",
            $$$"""{"apiVersion":"gateway.envoyproxy.io/v1alpha1","kind":"EnvoyExtensionPolicy","metadata":{"name":"ai-eg-eep-{{{aiTarget}}}","namespace":"envoy-gateway-system"},"spec":{"targetRefs":[{"group":"gateway.networking.k8s.io","kind":"Gateway","name":"{{{aiTarget}}}"}]}}""");
    }

    private static string List(string kind, params string[] items) =>
        $$$"""{"apiVersion":"v1","kind":"{{{kind}}}","metadata":{"resourceVersion":"7"},"items":[{{{string.Join(",", items)}}}]}""";

    [Fact]
    public async Task The_ai_gateway_on_its_own_programmed_gateway_has_no_problem()
    {
        Serve(aiTarget: "ai-gateway", aiGatewayProgrammed: "True");

        (await _status.ProblemsAsync(TestContext.Current.CancellationToken)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_ai_extension_on_the_inference_gateway_is_named_with_its_consequence()
    {
        Serve(aiTarget: "inference-gateway", aiGatewayProgrammed: "True");

        var problems = await _status.ProblemsAsync(TestContext.Current.CancellationToken);

        problems.Should().HaveCount(2).And.OnlyContain(p => p.Contains("Gateway envoy-gateway-system/inference-gateway, which also serves HTTPRoute tenant-a/tenant-a-models")
            && p.Contains("answer 500"));
        problems.Should().Contain(p => p.StartsWith("AIGatewayRoute envoy-gateway-system/openai at .spec.targetRefs[0]"))
            .And.Contain(p => p.StartsWith("EnvoyExtensionPolicy envoy-gateway-system/ai-eg-eep-inference-gateway at .spec.targetRefs[0]"));
    }

    [Fact]
    public async Task An_ai_gateway_that_is_not_programmed_is_reported_with_its_conditions()
    {
        Serve(aiTarget: "ai-gateway", aiGatewayProgrammed: "False");

        (await _status.ProblemsAsync(TestContext.Current.CancellationToken)).Should().ContainSingle()
            .Which.Should().Contain("Gateway envoy-gateway-system/ai-gateway, targeted by AIGatewayRoute envoy-gateway-system/openai, is not Programmed")
            .And.Contain("Programmed=False (AddressNotAssigned: No addresses have been assigned to the Gateway)");
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            var found = _lists.TryGetValue(context.Request.Url!.AbsolutePath, out var body);
            context.Response.StatusCode = found ? 200 : 404;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(found ? body! : """{"kind":"Status","code":404}"""));
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
