using System.Net.Http.Json;
using System.Text.Json.Serialization;
using InferenceBox.Specs.Support.Run;
using InferenceBox.Specs.Support.Waiting;
using Microsoft.IdentityModel.Tokens;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace InferenceBox.Specs.Support.Tokens;

/// <summary>The issuer answered an error: status and its problem-details body (which never holds a secret).</summary>
public sealed class IssuerException(string message) : Exception(message);

/// <summary>
/// Talks to the JWT issuer: GET /tokens, POST /token, GET /.well-known/jwks.json. Transport faults are retried
/// (Polly, bounded by the api-call budget); HTTP errors are not retried and come back as <see cref="IssuerException"/>.
/// </summary>
public sealed class IssuerClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ResiliencePipeline _pipeline;

    public IssuerClient(RunContext run) : this(run.Settings.IssuerUrl, run.Budgets[WaitBudgets.Names.ApiCall], null) { }

    private IssuerClient(Uri baseUrl, TimeSpan budget, HttpClient? http)
    {
        BaseUrl = new Uri(baseUrl.ToString().TrimEnd('/') + "/");
        _ownsHttp = http is null;
        _http = http ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _pipeline = new ResiliencePipelineBuilder()
            .AddTimeout(budget)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = 3, BackoffType = DelayBackoffType.Exponential, Delay = TimeSpan.FromMilliseconds(200),
            })
            .AddTimeout(TimeSpan.FromTicks(budget.Ticks / 4))
            .Build();
    }

    /// <summary>A client for an issuer at <paramref name="baseUrl"/> (tests, or tools outside a run).</summary>
    public static IssuerClient For(Uri baseUrl, TimeSpan? budget = null, HttpClient? http = null) =>
        new(baseUrl, budget ?? TimeSpan.FromSeconds(30), http);

    public Uri BaseUrl { get; }

    /// <summary>A fresh valid token per configured tenant, minted now.</summary>
    public async Task<IReadOnlyDictionary<string, string>> TokensAsync(CancellationToken ct = default) =>
        await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl, "tokens")),
            r => r.Content.ReadFromJsonAsync<Dictionary<string, string>>(ct), ct);

    public async Task<string> TokenAsync(string tenant, string? subject = null, string? audience = null, int? lifetimeSeconds = null,
        CancellationToken ct = default)
    {
        var answer = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, "token"))
            {
                Content = JsonContent.Create(new { tenant, subject, audience, lifetimeSeconds }),
            },
            r => r.Content.ReadFromJsonAsync<TokenAnswer>(ct), ct);
        return answer.AccessToken;
    }

    public async Task<JsonWebKeySet> JwksAsync(CancellationToken ct = default) =>
        await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl, ".well-known/jwks.json")),
            async r => new JsonWebKeySet(await r.Content.ReadAsStringAsync(ct)), ct);

    private async Task<T> SendAsync<T>(Func<HttpRequestMessage> request, Func<HttpResponseMessage, Task<T?>> read, CancellationToken ct)
    {
        return await _pipeline.ExecuteAsync(async token =>
        {
            using var message = request();
            using var response = await _http.SendAsync(message, token);
            if (!response.IsSuccessStatusCode)
                throw new IssuerException($"{message.Method} {message.RequestUri} answered {(int)response.StatusCode}: " +
                                          await response.Content.ReadAsStringAsync(token));
            return await read(response) ?? throw new IssuerException($"{message.Method} {message.RequestUri} answered an empty body.");
        }, ct);
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    /// <summary>The issuer's answer, OAuth 2.0 token-response style.</summary>
    private sealed record TokenAnswer([property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
