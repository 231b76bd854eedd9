using System.Net;
using System.Net.Sockets;
using InferenceBox.Specs.Support.Gateway;
using Polly.Timeout;

namespace InferenceBox.Specs.Tests.Gateway;

/// <summary>
/// The retry pipeline retries what never got an HTTP answer, a per-attempt timeout included (issue 20: a pipeline that
/// no longer retried per-attempt timeouts survived), at most <see cref="TransportRetry.MaxRetries"/> times, and nothing
/// else. No assertion here is about time: the budgets are generous and only the attempts and the log are checked.
/// </summary>
public sealed class TransportRetryTests
{
    private static readonly TimeSpan Overall = TimeSpan.FromMinutes(2);

    [Fact]
    public void Every_fault_without_an_http_answer_is_a_transport_fault_and_nothing_else_is()
    {
        TransportRetry.IsTransportFault(new TimeoutRejectedException("attempt timed out")).Should().BeTrue();
        TransportRetry.IsTransportFault(new IOException("reset")).Should().BeTrue();
        TransportRetry.IsTransportFault(new SocketException((int)SocketError.ConnectionRefused)).Should().BeTrue();
        TransportRetry.IsTransportFault(new HttpRequestException("refused")).Should().BeTrue();
        TransportRetry.IsTransportFault(new HttpRequestException("answered", null, HttpStatusCode.ServiceUnavailable)).Should().BeFalse();
        TransportRetry.IsTransportFault(new TaskCanceledException()).Should().BeFalse("a caller's cancellation is not a fault of the transport");
        TransportRetry.IsTransportFault(new InvalidOperationException()).Should().BeFalse();
    }

    [Fact]
    public async Task An_attempt_that_outlasts_its_timeout_is_retried_and_the_retry_is_logged()
    {
        var log = new List<string>();
        var pipeline = TransportRetry.Build(Overall, TimeSpan.FromMilliseconds(100), log.Add);
        var attempts = 0;

        var answer = await pipeline.ExecuteAsync(async ct =>
        {
            if (++attempts == 1) await Task.Delay(Timeout.InfiniteTimeSpan, ct); // hangs until the per-attempt timeout
            return "answered";
        }, TestContext.Current.CancellationToken);

        answer.Should().Be("answered");
        attempts.Should().Be(2);
        log.Should().ContainSingle().Which.Should().StartWith("retry 1/3 after TimeoutRejectedException: ");
    }

    [Fact]
    public async Task Transport_faults_are_retried_three_times_then_the_last_one_is_thrown()
    {
        var log = new List<string>();
        var pipeline = TransportRetry.Build(Overall, Overall, log.Add);
        var attempts = 0;

        var act = () => pipeline.ExecuteAsync<string>(_ => throw new HttpRequestException($"refused {++attempts}", new SocketException(111)),
            TestContext.Current.CancellationToken).AsTask();

        (await act.Should().ThrowAsync<HttpRequestException>()).WithMessage("refused 4");
        attempts.Should().Be(4);
        log.Should().Equal(
            "retry 1/3 after HttpRequestException: refused 1 (Connection refused)",
            "retry 2/3 after HttpRequestException: refused 2 (Connection refused)",
            "retry 3/3 after HttpRequestException: refused 3 (Connection refused)");
    }

    [Fact]
    public async Task An_http_answer_and_any_other_exception_are_never_retried()
    {
        var log = new List<string>();
        var pipeline = TransportRetry.Build(Overall, Overall, log.Add);
        var attempts = 0;

        var act = () => pipeline.ExecuteAsync<string>(_ => throw new HttpRequestException($"answered {++attempts}", null, HttpStatusCode.BadGateway),
            TestContext.Current.CancellationToken).AsTask();
        await act.Should().ThrowAsync<HttpRequestException>();
        var other = () => pipeline.ExecuteAsync<string>(_ => throw new InvalidOperationException($"bug {++attempts}"),
            TestContext.Current.CancellationToken).AsTask();
        await other.Should().ThrowAsync<InvalidOperationException>();

        attempts.Should().Be(2);
        log.Should().BeEmpty();
    }
}
