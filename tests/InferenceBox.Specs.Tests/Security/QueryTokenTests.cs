using System.Diagnostics;
using InferenceBox.Specs.Support.Cluster;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Tests.Gateway;
using InferenceBox.Platform.Cluster;

namespace InferenceBox.Specs.Tests.Security;

/// <summary>
/// Issue 19 item 5 on the suite's side: the scenario's words put the token in the query string, the client pod's script
/// sends it there and not in a header, and the gateway's 401 for it is proven the gateway's own by jwt_authn's realm, which
/// is the URL the client called, query string included (envoyproxy/envoy source/common/http/utility.cc buildOriginalUri:
/// scheme, Host and the :path header, which carries the query, cut at 256 characters).
/// </summary>
public sealed class QueryTokenTests
{
    [Theory]
    [InlineData("with tenant-b's valid token in the access_token query parameter", "with tenant-b's valid token", true)]
    [InlineData("with tenant-b's valid token", "with tenant-b's valid token", false)]
    public void The_scenarios_words_say_where_the_token_goes(string words, string credentials, bool inQuery) =>
        MeshCalls.TokenLocation(words).Should().Be((credentials, inQuery));

    [Fact]
    public async Task The_client_pods_script_sends_the_token_in_the_query_and_no_Authorization_header()
    {
        Assert.SkipWhen(!File.Exists("/usr/bin/curl") && !File.Exists("/bin/curl"), "curl is not installed on this machine");
        await using var stub = await StubGateway.StartAsync();
        var call = new InMeshCall("tenant-b", false, new Uri(stub.BaseUrl, "/echo"), "POST", "{}", TokenInQuery: true);
        var pod = ClientPods.Build(call, "p", "p-token", new Dictionary<string, string>(), TimeSpan.FromMinutes(1));
        var container = pod.Spec.Containers[0];
        var start = new ProcessStartInfo(container.Command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in container.Command.Skip(1)) start.ArgumentList.Add(arg);
        foreach (var env in container.Env.Where(e => e.Value is not null)) start.Environment[env.Name] = env.Value;
        start.Environment["IBX_TOKEN"] = "query-token-123";
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        stub.SeenQueries.Should().Contain("?access_token=query-token-123");
        stub.SeenAuthorization.Should().OnlyContain(a => a.Length == 0, "the token must not also travel in a header");
    }

    [Fact]
    public void The_gateways_401_for_a_query_token_is_its_own_and_a_sidecars_is_not()
    {
        var url = new Uri("http://127.0.0.1:8080/tenant-a/sklearn-iris/v1/models/sklearn-iris:predict?access_token=eyJhbGciOiJSUzI1NiJ9.eyJ0ZW5hbnQiOiJ0ZW5hbnQtYSJ9.c2ln");
        GatewayExchange Answer(string realm) => new("POST", url, 401,
            new Dictionary<string, string> { ["www-authenticate"] = $"Bearer realm=\"{realm}\"" }, "Jwt is missing", TimeSpan.Zero, "r1", null);

        GatewayRefusal.Problems(Answer(GatewayRefusal.ExpectedRealm(url)), GatewayCheck.Jwt, null).Should().BeEmpty();
        GatewayRefusal.Problems(Answer("http://sklearn-iris-predictor.tenant-a.svc.cluster.local/v1/models/sklearn-iris:predict?access_token=x"),
            GatewayCheck.Jwt, null).Should().ContainSingle().Which.Should().Contain("rewritten by the route");
    }
}
