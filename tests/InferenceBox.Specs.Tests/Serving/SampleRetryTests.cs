using System.Text;
using InferenceBox.Specs.Support.Gateway;
using InferenceBox.Specs.Support.Serving;
using InferenceBox.Specs.Tests.Gateway;

namespace InferenceBox.Specs.Tests.Serving;

/// <summary>
/// Issue 17 item 12: a request inside a statistical sample is never retried into a success. The driver still retries
/// a transport fault (setup calls need it), so the sample must count a retried request as a failure.
/// </summary>
public sealed class SampleRetryTests : IAsyncLifetime
{
    private readonly InferenceBox.Specs.Support.Diagnostics.ScenarioTimeline _timeline = new();
    private StubGateway _stub = null!;

    public async ValueTask InitializeAsync() => _stub = await StubGateway.StartAsync();
    public async ValueTask DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task A_sampled_request_that_needed_a_retry_is_a_failure_of_the_sample()
    {
        var flaky = new FlakyTransport(failures: 1, new SocketsHttpHandler());
        var driver = new GatewayDriver(TestRun.For(_stub.BaseUrl), _timeline, new HttpClient(flaky));
        var answered = await driver.SendAsync(HttpMethod.Post, "/echo", null,
            new StringContent("{\"predictions\": [1, 1]}", Encoding.UTF8, "application/json"), ct: TestContext.Current.CancellationToken);

        var sample = new SplitSample([new ProbeAnswer(answered, "v1")]);

        answered.StatusCode.Should().Be(200, "the retry got an answer, which is what hides the reset");
        sample.Failures.Should().ContainSingle("the connection was reset once: the sample saw a failure");
    }
}
