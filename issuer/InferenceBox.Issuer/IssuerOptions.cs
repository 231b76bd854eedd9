namespace InferenceBox.Issuer;

/// <summary>
/// The issuer's configuration, section <c>Issuer</c> (env form <c>Issuer__Tenants__0=tenant-a</c>).
/// <see cref="Problems"/> lists every invalid value at once, so a bad deployment fails with one clear message.
/// </summary>
public sealed class IssuerOptions
{
    public const string Section = "Issuer";

    public string Issuer { get; set; } = "";
    public List<string> Audiences { get; set; } = [];
    public List<string> Tenants { get; set; } = [];
    /// <summary>PEM RSA private key (PKCS#8 or PKCS#1) that signs every token; its kid is its RFC 7638 thumbprint.</summary>
    public string? SigningKeyFile { get; set; }
    /// <summary>PEM public keys also published in the JWKS (rotation: the previous or the next key).</summary>
    public List<string> AdditionalPublicKeyFiles { get; set; } = [];
    /// <summary>Only when true may the issuer generate an in-memory key; tokens then die with the process.</summary>
    public bool DevelopmentKey { get; set; }
    /// <summary>The JSON file of registered clients (hashes only): the mounted Secret jwt-issuer-clients. Unset: no clients.</summary>
    public string? ClientsFile { get; set; }
    /// <summary>How often, at most, the clients file is looked at again (a rotated secret works without a restart).</summary>
    public int ClientsReloadSeconds { get; set; } = 10;
    public int DefaultLifetimeSeconds { get; set; } = 3600;
    public int MinLifetimeSeconds { get; set; } = 60;
    /// <summary>At most <see cref="LifetimeCeilingSeconds"/>: a stolen token is worth an hour at most.</summary>
    public int MaxLifetimeSeconds { get; set; } = 3600;
    public const int LifetimeCeilingSeconds = 3600;
    /// <summary>POST /token bodies larger than this are refused (a token request is a few dozen bytes).</summary>
    public int MaxRequestBodyBytes { get; set; } = 4096;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Issuer, UriKind.Absolute, out _))
            problems.Add($"Issuer:Issuer must be an absolute URI (got \"{Issuer}\"); set Issuer__Issuer.");
        if (Audiences.Count == 0 || Audiences.Any(string.IsNullOrWhiteSpace))
            problems.Add("Issuer:Audiences needs at least one non-empty audience; set Issuer__Audiences__0.");
        if (Tenants.Count == 0 || Tenants.Any(string.IsNullOrWhiteSpace))
            problems.Add("Issuer:Tenants needs at least one non-empty tenant; set Issuer__Tenants__0.");
        if (MinLifetimeSeconds < 1 || MinLifetimeSeconds > DefaultLifetimeSeconds || DefaultLifetimeSeconds > MaxLifetimeSeconds)
            problems.Add($"Lifetimes must satisfy 1 <= MinLifetimeSeconds <= DefaultLifetimeSeconds <= MaxLifetimeSeconds " +
                         $"(got {MinLifetimeSeconds}, {DefaultLifetimeSeconds}, {MaxLifetimeSeconds}).");
        if (MaxLifetimeSeconds > LifetimeCeilingSeconds)
            problems.Add($"Issuer:MaxLifetimeSeconds must be at most {LifetimeCeilingSeconds} (one hour); got {MaxLifetimeSeconds}.");
        if (ClientsReloadSeconds is < 0 or > 3600)
            problems.Add($"Issuer:ClientsReloadSeconds must be 0..3600 (got {ClientsReloadSeconds}).");
        if (MaxRequestBodyBytes is < 64 or > 65536)
            problems.Add($"Issuer:MaxRequestBodyBytes must be 64..65536 (got {MaxRequestBodyBytes}).");
        return problems;
    }
}

/// <summary>The issuer cannot start: the message says which setting is wrong and how to fix it.</summary>
public sealed class IssuerConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
