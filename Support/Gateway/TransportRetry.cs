using System.Net.Sockets;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace InferenceBox.Specs.Support.Gateway;

/// <summary>
/// The retry pipeline for gateway calls, in the order the Polly docs give: overall timeout → retry → per-attempt
/// timeout. Only transport faults are retried (no HTTP status was received: refused or reset connections, DNS,
/// per-attempt timeouts). An HTTP answer, 4xx and 5xx included, is a result and is never retried.
/// </summary>
public static class TransportRetry
{
    public const int MaxRetries = 3;

    public static ResiliencePipeline Build(TimeSpan overall, TimeSpan perAttempt, Action<string> onRetry) =>
        new ResiliencePipelineBuilder()
            .AddTimeout(overall)
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransportFault),
                OnRetry = args =>
                {
                    onRetry($"retry {args.AttemptNumber + 1}/{MaxRetries} after {Describe(args.Outcome.Exception)}");
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(perAttempt)
            .Build();

    /// <summary>
    /// True when the request never got an HTTP answer for a reason that may pass. A refused TLS handshake (the
    /// certificate not trusted, or not for this host) is no such fault: it fails the same way every time.
    /// </summary>
    public static bool IsTransportFault(Exception e) => e switch
    {
        HttpRequestException { StatusCode: not null } => false,
        _ when IsTlsRefusal(e) => false,
        HttpRequestException => true,
        SocketException or IOException => true,
        TimeoutRejectedException => true,
        _ => false,
    };

    /// <summary>The client refused the server's certificate, or the TLS handshake failed (.NET's SecureConnectionError).</summary>
    public static bool IsTlsRefusal(Exception e) =>
        e is System.Security.Authentication.AuthenticationException
        || e is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }
        || (e.InnerException is { } inner && IsTlsRefusal(inner));

    private static string Describe(Exception? e) => e is null ? "no exception"
        : $"{e.GetType().Name}: {e.Message}" + (e.InnerException is { } inner ? $" ({inner.Message})" : "");
}
