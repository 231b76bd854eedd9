namespace InferenceBox.Platform.Settings;

public enum RunMode { Provision, Attach, Rehearse }
public enum TeardownPolicy { Keep, Delete, DeleteOnSuccess }
public enum PlatformProfile { Default, Full }

/// <summary>
/// Every setting of the suite, typed. Each comes from an environment variable named
/// <c>INFERENCEBOX_&lt;NAME&gt;</c>; the optional JSON file named by <c>INFERENCEBOX_CONFIG_FILE</c> may supply
/// values the environment does not set. <see cref="SettingsLoader"/> builds it and refuses invalid values.
/// </summary>
public sealed record InferenceBoxSettings
{
    public const string ClusterName = "inference-in-a-box";
    public const string KindContext = "kind-" + ClusterName;

    public bool DryRun { get; init; }
    public RunMode Mode { get; init; } = RunMode.Provision;
    public string KubeContext { get; init; } = KindContext;
    public string? Kubeconfig { get; init; }
    public TeardownPolicy Teardown { get; init; } = TeardownPolicy.Keep;
    public bool KeepOnFailure { get; init; }
    public PlatformProfile Profile { get; init; } = PlatformProfile.Default;
    public double TimeoutScale { get; init; } = 1.0;
    public string ResultsDir { get; init; } = "TestResults/inferencebox";
    public string? SchemasDir { get; init; }
    public string ToolsCacheDir { get; init; } = DefaultCache("tools");
    public string SchemasCacheDir { get; init; } = DefaultCache("schemas");
    public Uri GatewayUrl { get; init; } = new("https://127.0.0.1:8443");
    public Uri GatewayHttpUrl { get; init; } = new("http://127.0.0.1:8080");
    public string? GatewayCaFile { get; init; }
    public Uri AiGatewayUrl { get; init; } = new("https://127.0.0.1:8081");
    public Uri IssuerUrl { get; init; } = new("https://127.0.0.1:8443/issuer");
    public Uri PrometheusUrl { get; init; } = new("http://127.0.0.1:30090");
    public Uri JaegerUrl { get; init; } = new("http://127.0.0.1:30686");
    public Uri GrafanaUrl { get; init; } = new("http://127.0.0.1:30300");
    public Uri KialiUrl { get; init; } = new("http://127.0.0.1:30201");
    public string? SigningKeyFile { get; init; }
    public string? ClientCredentialsDir { get; init; }
    public string? ConfigFile { get; init; }

    private static string DefaultCache(string leaf) => Path.Combine(
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
        "inferencebox", leaf);
}
