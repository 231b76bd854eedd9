using System.Collections.Concurrent;

namespace InferenceBox.Specs.Support.Tokens;

/// <summary>
/// Valid tokens per tenant for the whole run, obtained as a real client would (the tenant's credentials, POST /token),
/// kept until <see cref="RefreshMargin"/> before they expire. Few requests reach the rate-limited token endpoint.
/// </summary>
public sealed class TenantTokens(IssuerClient issuer, IClientCredentialsSource credentials, TimeProvider clock)
{
    /// <summary>A token is renewed when less than this is left, so no call starts with a token about to expire.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> _held = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public IssuerClient Issuer => issuer;
    public IClientCredentialsSource Credentials => credentials;

    public async Task<string> ValidAsync(string tenant, CancellationToken ct = default)
    {
        if (Fresh(tenant) is { } held) return held;
        await _gate.WaitAsync(ct);
        try
        {
            if (Fresh(tenant) is { } again) return again;
            var answer = await issuer.TokenAsync(await credentials.ForTenantAsync(tenant, ct), ct: ct);
            var expires = clock.GetUtcNow().AddSeconds(answer.ExpiresIn ?? 0);
            _held[tenant] = (answer.AccessToken!, expires);
            return answer.AccessToken!;
        }
        finally { _gate.Release(); }
    }

    private string? Fresh(string tenant) =>
        _held.TryGetValue(tenant, out var held) && held.Expires - clock.GetUtcNow() > RefreshMargin ? held.Token : null;
}
