namespace InferenceBox.Platform.Tokens;

/// <summary>What the platform's issuer is configured with (manifests/issuer), and what the gateway expects; its clients are
/// <see cref="Manifests.PlatformTenants"/>.</summary>
public static class IssuerIdentity
{
    public const string Issuer = "http://jwt-issuer.auth-system.svc.cluster.local";
    public const string Audience = "inference-in-a-box";
    public const string TenantClaim = "tenant";
}
