using System.Net;
using System.Text;
using System.Threading.Channels;
using InferenceBox.Specs.Support.Diagnostics;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Platform.Models;
using InferenceBox.Platform.Run;
using InferenceBox.Specs.Support.Serving;
using InferenceBox.Specs.Support.Tokens;
using InferenceBox.Platform.Waiting;
using InferenceBox.Specs.Tests.Gateway;
using InferenceBox.Specs.Tests.Identity;
using Microsoft.Extensions.Time.Testing;

namespace InferenceBox.Specs.Tests.Serving;

/// <summary>
/// "Routing has converged" on a route that flaps: it answers, fails once (a proxy replica still on the old
/// configuration), then answers steadily. One success is not convergence (issue 15 item 3): the canary's sample that
/// follows allows zero failures, and the mesh steps' in-cluster calls expect a warm pod. Time is the budgets' fake clock;
/// tokens come from a real loopback issuer; the gateway is a scripted handler, so nothing here waits on the wall clock.
/// </summary>
public sealed class ConvergenceTests(IssuerFixture issuer) : IClassFixture<IssuerFixture>
{
    private static readonly ModelVersions Iris = ModelVersions.Of(ModelCatalog.OfRun, "tenant-a", "sklearn-iris");
    private static readonly Answer V2 = new(HttpStatusCode.OK, """{"predictions":[0,0]}""");
    private static readonly Answer Unavailable = new(HttpStatusCode.ServiceUnavailable, "upstream connect error or disconnect/reset before headers");
    private readonly FakeTimeProvider _clock = new();
    private HeldTokens? _tokens;

    [Fact]
    public async Task The_canary_has_not_converged_on_a_route_that_failed_after_its_first_success()
    {
        var route = new FlappingRoute(V2, Unavailable, V2, V2, V2);
        var run = Run();
        var timeline = new ScenarioTimeline();
        var canary = new CanaryDriver(null!, Prober(run, route, timeline), run, timeline);

        var wait = canary.MustBeAnsweredByAsync(Iris, "v2", Ct);
        await route.AfterAnswerAsync(2, wait);
        _clock.Advance(Poll.FailedTryDelay);

        (await wait).Version.Should().Be("v2");
        route.Answered.Should().Be(5, "the 503 after the first v2 answer resets the count: three answers in a row come after it");
        timeline.Entries.Should().ContainSingle(e => e.Driver == "canary").Which.What.Should().StartWith("try 2 failed after 1 success(es) in a row")
            .And.Contain("503");
    }

    [Fact]
    public async Task A_tenant_model_is_not_warm_on_a_route_that_failed_after_its_first_success()
    {
        var route = new FlappingRoute(V2, Unavailable, V2, V2, V2);
        var run = Run();
        var timeline = new ScenarioTimeline();
        var traffic = new TenantTraffic(Prober(run, route, timeline), Tokens(run), run, timeline);

        var warm = traffic.MustWarmAsync("tenant-a", "sklearn-iris", Ct);
        await route.AfterAnswerAsync(2, warm);
        _clock.Advance(Poll.FailedTryDelay);

        await warm;
        route.Answered.Should().Be(5, "the 503 after the first 200 resets the count: three answers in a row come after it");
        timeline.Entries.Where(e => e.Driver == "traffic").Select(e => e.What).Should().ContainSingle(w => w.StartsWith("try 2 failed") && w.Contains("503"));
    }

    private RunContext Run() => TestRun.For(new Uri("https://gateway.test/"), clock: _clock);

    private HeldTokens Tokens(RunContext run) => _tokens ??= new(new TokenKit(run, issuer.Issuer.Tokens(), null));

    // The cluster is read only by the catalog-wide checks, which these tests do not run.
    private ModelProber Prober(RunContext run, FlappingRoute route, ScenarioTimeline timeline) => new(new GatewayDriver(run, timeline, new HttpClient(route)), Tokens(run), null!);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}

public sealed record Answer(HttpStatusCode Status, string Body);

/// <summary>A gateway route answering a script, one answer per request (the last one repeated), counting what it answered.</summary>
public sealed class FlappingRoute(params Answer[] script) : HttpMessageHandler
{
    private readonly Channel<int> _answered = Channel.CreateUnbounded<int>();
    private int _count;

    public int Answered => _count;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var n = Interlocked.Increment(ref _count);
        var answer = script[Math.Min(n, script.Length) - 1];
        _answered.Writer.TryWrite(n);
        return Task.FromResult(new HttpResponseMessage(answer.Status) { Content = new StringContent(answer.Body, Encoding.UTF8, "application/json") });
    }

    /// <summary>Returns once the route has given its <paramref name="n"/>th answer, or the wait is over sooner.</summary>
    public async Task AfterAnswerAsync(int n, Task wait)
    {
        while (!wait.IsCompleted)
        {
            var next = _answered.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask();
            if (await Task.WhenAny(next, wait) != next || await next >= n) return;
        }
    }
}
