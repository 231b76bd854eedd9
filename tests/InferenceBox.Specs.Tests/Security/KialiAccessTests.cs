using System.Net;
using InferenceBox.Specs.Support.Observability;
using InferenceBox.Specs.Support.Security;
using InferenceBox.Platform.Waiting;
using InferenceBox.Specs.Tests.Observability;

namespace InferenceBox.Specs.Tests.Security;

/// <summary>
/// Issue 19 item 1: the Kiali client logs in with a short-lived token and then carries only the session cookie; the judge
/// tells Kiali's refusal of a caller without a session from an anonymous Kiali that serves it.
/// </summary>
public sealed class KialiAccessTests
{
    private const string Token = "sa-token-for-the-test";
    private static readonly Uri Base = new("http://kiali.test:30201");

    private static KialiLogin Login(string token) => new(_ => Task.FromResult(token), "system:serviceaccount:istio-system:inferencebox-kiali-reader");

    [Fact]
    public async Task The_client_logs_in_once_with_the_token_and_then_sends_only_the_session_cookie()
    {
        var kiali = new KialiTokenStrategy(Token, RecordedJson.Read("Observability", "kiali-graph-tenant-a.json"));
        var client = new KialiClient(Base, new HttpClient(kiali), new WaitBudgets(), login: Login(Token));

        (await client.NamespaceGraphAsync(["tenant-a"], TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken)).Nodes.Should().HaveCount(4);
        await client.NamespaceGraphAsync(["tenant-a"], TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);

        kiali.Logins.Should().Be(1);
        kiali.Forms.Should().Equal("token=" + Token);
        kiali.Requests.Where(r => r.Method == HttpMethod.Get).Should().HaveCount(2).And.OnlyContain(r =>
            r.Headers.Authorization == null && !r.RequestUri!.Query.Contains(Token) && r.Headers.GetValues("Cookie").Single().StartsWith("kiali-token-Kubernetes="));
    }

    [Fact]
    public async Task A_session_Kiali_no_longer_knows_is_opened_again_once()
    {
        var kiali = new KialiTokenStrategy(Token, RecordedJson.Read("Observability", "kiali-graph-empty.json"));
        var client = new KialiClient(Base, new HttpClient(kiali), new WaitBudgets(), login: Login(Token));
        await client.NamespaceGraphAsync(["tenant-a"], TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        kiali.ForgetSessions();

        await client.NamespaceGraphAsync(["tenant-a"], TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        kiali.Logins.Should().Be(2);
    }

    [Fact]
    public async Task A_refused_login_names_the_account_and_Kialis_answer()
    {
        var client = new KialiClient(Base, new HttpClient(new KialiTokenStrategy(Token, "{}")), new WaitBudgets(), login: Login("expired"));
        var act = () => client.NamespaceGraphAsync(["tenant-a"], TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        (await act.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should()
            .Contain("system:serviceaccount:istio-system:inferencebox-kiali-reader").And.Contain("401").And.Contain("token is not valid or is expired");
    }

    [Fact]
    public async Task Only_Kialis_401_to_a_caller_without_a_session_is_a_refusal()
    {
        var locked = new KialiClient(Base, new HttpClient(new KialiTokenStrategy(Token, "{}")), new WaitBudgets());
        KialiAccess.WhyNotRefused(await locked.AnonymousGetAsync("api/namespaces/graph?namespaces=tenant-a", TestContext.Current.CancellationToken)).Should().BeNull();

        // What anonymous access answers: the graph, 200 (handlers/authentication.go lets the request in with Kiali's own account).
        var open = new KialiClient(Base, new HttpClient(new RecordedHandler(HttpStatusCode.OK, RecordedJson.Read("Observability", "kiali-graph-tenant-a.json"))), new WaitBudgets());
        KialiAccess.WhyNotRefused(await open.AnonymousGetAsync("api/namespaces/graph?namespaces=tenant-a", TestContext.Current.CancellationToken))
            .Should().Contain("answered 200");
    }

    [Fact]
    public async Task Kialis_config_says_its_strategy_and_mode()
    {
        var kiali = new KialiTokenStrategy(Token, """{"authStrategy":"token","deployment":{"viewOnlyMode":true},"istioNamespace":"istio-system"}""");
        var config = await new KialiClient(Base, new HttpClient(kiali), new WaitBudgets(), login: Login(Token)).ConfigAsync(TestContext.Current.CancellationToken);
        config.Should().Be(new KialiConfig("token", true));
        KialiAccess.WhyNotLockedDown(config).Should().BeNull();
        KialiAccess.WhyNotLockedDown(new KialiConfig("anonymous", false)).Should().Contain("\"anonymous\"");
        KialiAccess.WhyNotLockedDown(new KialiConfig("token", false)).Should().Contain("view-only mode False");
    }
}
