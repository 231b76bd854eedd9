using k8s.Autorest;
using Polly;
using Polly.Retry;

namespace InferenceBox.Platform.Cluster;

/// <summary>
/// The faults worth another try: the connection failed or was reset (an API server restarting, a proxy between),
/// or the server said it is briefly unable (429, 502, 503, 504). Never an answer about the request itself.
/// </summary>
public static class TransientFaults
{
    public static bool IsTransient(Exception e) => e switch
    {
        HttpRequestException => true,
        IOException => true,
        HttpOperationException h => (int)h.Response.StatusCode is 429 or 502 or 503 or 504,
        _ => false,
    };

    /// <summary>
    /// Retries transient faults with exponential backoff on <paramref name="clock"/>, at most
    /// <paramref name="attempts"/> times (null: until the caller's token, its budget, ends). Never retries once the
    /// caller's token is cancelled, so a deadline is never mistaken for a fault.
    /// </summary>
    public static ResiliencePipeline Retry(TimeProvider clock, int? attempts = 5) =>
        new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(!args.Context.CancellationToken.IsCancellationRequested
                                                            && args.Outcome.Exception is { } e && IsTransient(e)),
                MaxRetryAttempts = attempts ?? int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(5),
                UseJitter = true,
            })
            .Build();
}
