using System.Globalization;

namespace InferenceBox.Platform.Settings;

/// <summary>One documented setting: its variable, what it means, its default and how it is parsed.</summary>
public sealed record SettingDefinition(
    string Name, string Description, string Default, string Allowed,
    Func<InferenceBoxSettings, string, InferenceBoxSettings?> Apply)
{
    public string Variable => SettingsLoader.Prefix + Name;

    /// <summary>This setting's row of README's settings table; a default with its own markup is shown as written.</summary>
    public string TableRow => $"| `{Variable}` | {Description} | {(Default.Contains('`') ? Default : $"`{Default}`")} | {Allowed} |";
}

/// <summary>The settings' definitions, each written once: its meaning, its default (read from the code) and how it is parsed.</summary>
public static partial class SettingsLoader
{
    // Declared before Definitions: static fields initialise in order, and the definitions show these defaults.
    private static readonly InferenceBoxSettings Defaults = new();

    /// <summary>
    /// Each setting once: its meaning, its default and what it allows. A default that is a value is read from
    /// <see cref="InferenceBoxSettings"/>' own initial value and written as the variable takes it, so the help text and
    /// README's table (<see cref="TableRows"/>) cannot disagree with the code.
    /// </summary>
    public static IReadOnlyList<SettingDefinition> Definitions { get; } =
    [
        new("DRY_RUN", "Bind every step but provision nothing and run no step body.", Shown(s => s.DryRun), "true, false",
            (s, v) => Bool(v) is { } b ? s with { DryRun = b } : null),
        new("MODE", $"provision: create or reuse Kind cluster {InferenceBoxSettings.ClusterName}. attach: use INFERENCEBOX_KUBE_CONTEXT, install nothing. " +
            "rehearse: provision everything against the in-process API server emulator (no Docker), then run every scenario as in the dry run.",
            Shown(s => s.Mode), Choices<RunMode>(), (s, v) => Enum<RunMode>(v) is { } m ? s with { Mode = m } : null),
        new("KUBE_CONTEXT", "The kube context to use. In attach mode, the cluster to attach to.", Shown(s => s.KubeContext),
            "a context name in your kubeconfig", (s, v) => v.Trim().Length > 0 ? s with { KubeContext = v.Trim() } : null),
        new("KUBECONFIG", "The kubeconfig file to read.", "$KUBECONFIG, else ~/.kube/config", "a file path",
            (s, v) => v.Trim().Length > 0 ? s with { Kubeconfig = v.Trim() } : null),
        new("TEARDOWN", "What happens to the Kind cluster at the end of the run (a failed bootstrap is always kept for inspection).", Shown(s => s.Teardown), Choices<TeardownPolicy>(),
            (s, v) => Enum<TeardownPolicy>(v) is { } t ? s with { Teardown = t } : null),
        new("KEEP_ON_FAILURE", "Keep the objects a failed scenario created, for inspection.", Shown(s => s.KeepOnFailure), "true, false",
            (s, v) => Bool(v) is { } b ? s with { KeepOnFailure = b } : null),
        new("PROFILE", "default: the light models. full: also the heavy opt-in models.", Shown(s => s.Profile), Choices<PlatformProfile>(),
            (s, v) => Enum<PlatformProfile>(v) is { } p ? s with { Profile = p } : null),
        new("TIMEOUT_SCALE", "Multiplies every wait budget (slow machines: 2).", Shown(s => s.TimeoutScale), "a number from 0.1 to 20",
            (s, v) => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d is >= 0.1 and <= 20
                ? s with { TimeoutScale = d } : null),
        new("RESULTS_DIR", "Where reports, the bootstrap log and failure diagnostics are written.", Shown(s => s.ResultsDir),
            "a folder path", (s, v) => v.Trim().Length > 0 ? s with { ResultsDir = v.Trim() } : null),
        new("SCHEMAS", "A folder holding the pinned CRD and Kubernetes schemas. Unset: `../shared/schemas` beside the repository when that folder exists, else the pinned files downloaded once into INFERENCEBOX_SCHEMAS_CACHE and verified against their SHA-256 sums. The same in every mode.",
            SchemaFolder.DefaultDescription, "an existing folder", (s, v) => Directory.Exists(v) ? s with { SchemasDir = Path.GetFullPath(v) } : null),
        new("SCHEMAS_CACHE", "Where downloaded schemas are kept.", "~/.cache/inferencebox/schemas", "a folder path",
            (s, v) => v.Trim().Length > 0 ? s with { SchemasCacheDir = v.Trim() } : null),
        new("TOOLS_CACHE", "Where pinned kind, helm and kubectl downloads are kept.", "~/.cache/inferencebox/tools", "a folder path",
            (s, v) => v.Trim().Length > 0 ? s with { ToolsCacheDir = v.Trim() } : null),
        new("GATEWAY_URL", "The gateway's HTTPS address on the host; every model call and bearer token goes there, never over plain HTTP.",
            Shown(s => s.GatewayUrl), "an absolute https URL", (s, v) => Url(v, "https") is { } u ? s with { GatewayUrl = u } : null),
        new("GATEWAY_HTTP_URL", "The gateway's plain HTTP address on the host, which only redirects to HTTPS (the @tls scenarios call it, never with a token).",
            Shown(s => s.GatewayHttpUrl), "an absolute http URL", (s, v) => Url(v, "http") is { } u ? s with { GatewayHttpUrl = u } : null),
        new("GATEWAY_CA_FILE", "PEM file of the one CA the suite trusts for the gateway's certificate. Provision: unset, read from the cluster " +
            "(Secret envoy-gateway-system/inference-gateway-tls, ca.crt). Attach: required.",
            "(provision: the cluster's Secret; attach: required)", "an existing PEM file holding exactly one CA certificate",
            (s, v) => !File.Exists(v) ? null
                : Gateway.Tls.GatewayCa.WhyNot(File.ReadAllText(v), out _) is { } why
                    ? throw new SettingsException(Prefix + "GATEWAY_CA_FILE", v, $"an existing PEM file holding exactly one CA certificate ({why})")
                    : s with { GatewayCaFile = Path.GetFullPath(v) }),
        new("AI_GATEWAY_URL", "The AI gateway's HTTPS address on the host (OpenAI API: /v1/chat/completions, /v1/models); its bearer tokens, too, " +
            "never travel over plain HTTP, and its certificate is checked against the same CA as the gateway's.", Shown(s => s.AiGatewayUrl),
            "an absolute https URL", (s, v) => Url(v, "https") is { } u ? s with { AiGatewayUrl = u } : null),
        new("ISSUER_URL", "The JWT issuer's address on the host (client credentials and tokens: https only).", Shown(s => s.IssuerUrl),
            "an absolute https URL", (s, v) => Url(v, "https") is { } u ? s with { IssuerUrl = u } : null),
        new("PROMETHEUS_URL", "Prometheus' address on the host.", Shown(s => s.PrometheusUrl), "an absolute http(s) URL",
            (s, v) => Url(v) is { } u ? s with { PrometheusUrl = u } : null),
        new("JAEGER_URL", "Jaeger query's address on the host.", Shown(s => s.JaegerUrl), "an absolute http(s) URL",
            (s, v) => Url(v) is { } u ? s with { JaegerUrl = u } : null),
        new("GRAFANA_URL", "Grafana's address on the host.", Shown(s => s.GrafanaUrl), "an absolute http(s) URL",
            (s, v) => Url(v) is { } u ? s with { GrafanaUrl = u } : null),
        new("KIALI_URL", "Kiali's address on the host.", Shown(s => s.KialiUrl), "an absolute http(s) URL",
            (s, v) => Url(v) is { } u ? s with { KialiUrl = u } : null),
        new("SIGNING_KEY_FILE", "PEM private key the negatives of the JWT matrix are signed with. Provision: the issuer's key (used for a new Secret). " +
            "Attach: a test-only key whose public key the issuer also publishes (Issuer__AdditionalPublicKeyFiles), never the issuer's own signing key.",
            "(provision: the provisioner's key; attach: none)", "an existing PEM file",
            (s, v) => File.Exists(v) ? s with { SigningKeyFile = Path.GetFullPath(v) } : null),
        new("CLIENT_CREDENTIALS_DIR", "Attach mode: a folder with `<tenant>.json` (`{\"client_id\", \"client_secret\"}`) per tenant, the OAuth client " +
            "credentials the suite obtains tokens with. Provision mode reads them from each tenant's Secret jwt-issuer-client.",
            "(provision: the cluster's Secrets; attach: required)", "an existing folder",
            (s, v) => Directory.Exists(v) ? s with { ClientCredentialsDir = Path.GetFullPath(v) } : null),
    ];

    /// <summary>README's settings table, row by row: generated from <see cref="Definitions"/>, so the two cannot drift.</summary>
    public static IReadOnlyList<string> TableRows() =>
        [.. Definitions.Select(d => d.TableRow), $"| `{Prefix}CONFIG_FILE` | A JSON file of further settings. | (none) | an existing JSON file |"];

    /// <summary>Every variable the suite reads.</summary>
    public static IReadOnlySet<string> KnownVariables { get; } =
        Definitions.Select(d => d.Variable).Append(Prefix + "CONFIG_FILE").ToHashSet();

    /// <summary>A default value as the variable would take it: "false", "delete-on-success", "1", "https://127.0.0.1:8443".</summary>
    private static string Shown<T>(Func<InferenceBoxSettings, T> read) => read(Defaults) switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        Uri u => u.OriginalString,
        Enum e => Kebab(e.ToString()),
        string text => text,
        var other => throw new ArgumentException($"No way to show a default of type {other?.GetType().Name ?? "null"}."),
    };

    /// <summary>An enum's values as the variable takes them, in declaration order: "keep, delete, delete-on-success".</summary>
    private static string Choices<T>() where T : struct, Enum => string.Join(", ", System.Enum.GetNames<T>().Select(Kebab));

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    // Exactly what README's table allows: "yes", "1" or "TRUE" are refused, not guessed at.
    private static bool? Bool(string value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    private static T? Enum<T>(string value) where T : struct, Enum =>
        System.Enum.TryParse<T>(value.Trim().Replace("-", ""), ignoreCase: true, out var parsed) && !int.TryParse(value, out _)
            ? parsed : null;

    private static Uri? Url(string value, string? scheme = null) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && (scheme is null || uri.Scheme == scheme)
            ? uri : null;
}
