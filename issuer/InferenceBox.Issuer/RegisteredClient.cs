namespace InferenceBox.Issuer;

/// <summary>
/// One OAuth 2.0 client (RFC 6749 §2): its id, the one tenant it may obtain tokens for, the scopes and audiences it
/// may ask for, and the SHA-256 hashes of the secrets it may authenticate with (two during a rotation).
/// </summary>
public sealed record RegisteredClient(
    string ClientId, string Tenant, IReadOnlyList<string> Scopes, IReadOnlyList<string> Audiences, IReadOnlyList<byte[]> SecretHashes);
