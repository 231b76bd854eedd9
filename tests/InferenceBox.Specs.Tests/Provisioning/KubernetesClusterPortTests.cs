using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FluentAssertions;
using InferenceBox.Specs.Support.Provisioning;
using InferenceBox.Specs.Support.Provisioning.Ports;
using k8s;
using Xunit;
using InferenceBox.Specs.Support.Manifests;

namespace InferenceBox.Specs.Tests.Provisioning;

/// <summary>The KubernetesClient adapter against a tiny fake API server: what goes over the wire.</summary>
public sealed class KubernetesClusterPortTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Dictionary<string, string> _responses = new()
    {
        ["GET /api/v1"] = """{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"namespaces","kind":"Namespace","namespaced":false,"singularName":"","verbs":[]},{"name":"configmaps","kind":"ConfigMap","namespaced":true,"singularName":"","verbs":[]}]}""",
        ["GET /apis/serving.kserve.io/v1beta1"] = """{"kind":"APIResourceList","groupVersion":"serving.kserve.io/v1beta1","resources":[{"name":"inferenceservices","kind":"InferenceService","namespaced":true,"singularName":"","verbs":[]},{"name":"inferenceservices/status","kind":"InferenceService","namespaced":true,"singularName":"","verbs":[]}]}""",
        ["GET /apis/apps/v1/namespaces/kserve/deployments/kserve-controller-manager"] = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"kserve-controller-manager","namespace":"kserve","generation":2,"resourceVersion":"42"},"spec":{"replicas":1,"selector":{},"template":{"spec":{"containers":[{"name":"manager","image":"kserve/kserve-controller:v0.15.2"}]}}},"status":{"observedGeneration":1,"readyReplicas":1,"conditions":[{"type":"Available","status":"True"}]}}""",
        ["GET /api/v1/namespaces/kserve/events"] = """{"kind":"EventList","apiVersion":"v1","metadata":{},"items":[{"metadata":{"name":"e1","namespace":"kserve"},"involvedObject":{"kind":"Pod","name":"kserve-controller-manager-7d9f"},"type":"Warning","reason":"FailedScheduling","message":"0/1 nodes are available: 1 Insufficient memory."}]}""",
    };
    private readonly KubernetesClusterPort _port;

    public KubernetesClusterPortTests()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = ServeAsync();
        _port = new KubernetesClusterPort(new Kubernetes(new KubernetesClientConfiguration { Host = $"http://127.0.0.1:{port}" }));
    }

    [Fact]
    public async Task Objects_are_server_side_applied_with_our_field_manager_at_their_discovered_paths()
    {
        var objects = ManifestLoader.Parse("""
            apiVersion: v1
            kind: Namespace
            metadata: {name: tenant-a}
            ---
            apiVersion: serving.kserve.io/v1beta1
            kind: InferenceService
            metadata: {name: sklearn-iris, namespace: tenant-a}
            spec: {predictor: {minReplicas: 0}}
            """, "test.yaml");

        await _port.ApplyAsync(objects, TestContext.Current.CancellationToken);

        var patches = _requests.Where(r => r.StartsWith("PATCH")).ToList();
        patches.Should().HaveCount(2);
        patches[0].Should().StartWith("PATCH /api/v1/namespaces/tenant-a?").And.Contain("fieldManager=inferencebox-specs").And.Contain("force=true")
            .And.Contain("application/apply-patch+yaml");
        patches[1].Should().StartWith("PATCH /apis/serving.kserve.io/v1beta1/namespaces/tenant-a/inferenceservices/sklearn-iris?")
            .And.Contain("fieldManager=inferencebox-specs").And.Contain("\"minReplicas\":0");
    }

    [Fact]
    public async Task A_Deployment_whose_generation_is_not_observed_yet_is_not_ready()
    {
        var state = await _port.ProbeAsync(new DeploymentAvailable("kserve", "kserve-controller-manager", "0.15.2"), TestContext.Current.CancellationToken);

        state.Ready.Should().BeFalse();
        state.Detail.Should().Contain("Available=True").And.Contain("observedGeneration current=False");
        state.Version.Should().Contain("kserve/kserve-controller:v0.15.2");
        state.ResourceVersion.Should().Be("42");
    }

    [Fact]
    public async Task A_missing_object_reads_as_not_found()
    {
        var state = await _port.ProbeAsync(new DeploymentAvailable("istio-system", "istiod"), TestContext.Current.CancellationToken);

        state.Should().Be(new ReadinessState(false, "not found"));
    }

    [Fact]
    public async Task A_wait_that_runs_out_says_what_it_waited_for_the_last_state_and_the_recent_events()
    {
        var act = () => _port.WaitAsync(new DeploymentAvailable("kserve", "kserve-controller-manager"), "deployment-available",
            TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);

        var e = (await act.Should().ThrowAsync<Support.Waiting.WaitTimeoutException>()).Which;
        e.WaitedFor.Should().Be("Deployment kserve/kserve-controller-manager Available");
        e.LastSeen.Should().Contain("observedGeneration current=False");
        e.Message.Should().Contain("budget 'deployment-available'").And.Contain("FailedScheduling Pod/kserve-controller-manager-7d9f: 0/1 nodes are available");
        _requests.Should().Contain(r => r.Contains("watch=true") && r.Contains("resourceVersion=42") && r.Contains("fieldSelector=metadata.name%3Dkserve-controller-manager"));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            var request = context.Request;
            var body = await new StreamReader(request.InputStream).ReadToEndAsync();
            _requests.Enqueue($"{request.HttpMethod} {request.Url!.PathAndQuery} {request.ContentType} {body}");
            if (request.Url.Query.Contains("watch=true")) continue; // a watch that never sees a change: left open
            var key = $"{request.HttpMethod} {request.Url.AbsolutePath.TrimEnd('/')}";
            var found = _responses.TryGetValue(key, out var json) || request.HttpMethod == "PATCH";
            context.Response.StatusCode = found ? 200 : 404;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(json ?? (found ? body : """{"kind":"Status","status":"Failure","reason":"NotFound","code":404}"""));
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
