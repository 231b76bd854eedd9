namespace InferenceBox.Specs.Support.Tokens;

/// <summary>
/// How long each step of a signing-key rotation must wait (manifests/README.md, "Rotating the signing key"), from
/// how long the platform's verifiers may keep an old JWKS:
/// Envoy Gateway's jwt_authn fetches the remote JWKS with a 5-minute cache duration, refreshed in the background
/// (envoyproxy/gateway@v1.4.2 internal/xds/translator/jwt.go: CacheDuration 5*60 s, AsyncFetch);
/// istiod fetches each jwksUri every 20 minutes and pushes the keys into the sidecars' configuration
/// (istio/istio@1.26.2 pilot/pkg/features/pilot.go PILOT_JWT_PUB_KEY_REFRESH_INTERVAL default 20m, used as
/// JwtPubKeyRefreshInterval by pilot/pkg/model/jwks_resolver.go).
/// </summary>
public static class KeyRotationSchedule
{
    public static readonly TimeSpan EnvoyGatewayJwksCache = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan IstiodJwksRefresh = TimeSpan.FromMinutes(20);
    /// <summary>Room for istiod's push to reach every sidecar and for a slow rollout.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(10);
    /// <summary>The issuer's ceiling on token lifetimes (issuer: IssuerOptions.LifetimeCeilingSeconds).</summary>
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>The longest any verifier may still hold a JWKS fetched before a change.</summary>
    public static TimeSpan LongestJwksCache => EnvoyGatewayJwksCache > IstiodJwksRefresh ? EnvoyGatewayJwksCache : IstiodJwksRefresh;

    /// <summary>Step 1 → 2: after publishing the next key, before signing with it (every verifier knows it by then).</summary>
    public static TimeSpan PublishLead => LongestJwksCache + Margin;

    /// <summary>Step 2 → 3: after signing with the next key, before unpublishing the previous one (its tokens expired).</summary>
    public static TimeSpan RetireAfter => MaxTokenLifetime + LongestJwksCache + Margin;
}
