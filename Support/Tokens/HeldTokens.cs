namespace InferenceBox.Specs.Support.Tokens;

/// <summary>
/// The valid tokens one scenario's tenants hold (scenario-scoped, by context injection): each obtained once through the
/// token kit (the run-wide <see cref="TenantTokens"/> behind it) and shared by every driver of the scenario, so the
/// prober and the tenants' traffic never fetch or cache one of their own. Held in memory only; never printed.
/// </summary>
public sealed class HeldTokens(TokenKit tokens)
{
    private readonly Dictionary<string, string> _held = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The tenant's valid token, obtained the first time the scenario asks for it.</summary>
    public async Task<string> ValidAsync(string tenant, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_held.TryGetValue(tenant, out var held)) return held;
            return _held[tenant] = await tokens.TokenAsync(tenant, TokenDefect.None, ct)
                                   ?? throw new InvalidOperationException($"The token kit gave no token for {tenant}.");
        }
        finally { _gate.Release(); }
    }

    /// <summary>The token the tenant already holds in this scenario; an error naming the missing step otherwise.</summary>
    public string Of(string tenant) => _held.TryGetValue(tenant, out var token) ? token
        : throw new InvalidOperationException($"No token held for {tenant}: add 'Given {tenant} holds a valid token' before this step.");
}
