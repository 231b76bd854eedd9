using InferenceBox.Platform.Models;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Settings;

namespace InferenceBox.Cli;

/// <summary>
/// Where the platform answers on the host (the settings' URLs) and how to get a token and call a model, as README's
/// "Tokens" section does it: the client secret goes to curl on stdin, never on a command line.
/// </summary>
public static class PlatformGuide
{
    public static void Write(TextWriter output, InferenceBoxSettings settings)
    {
        output.WriteLine("URLs on the host:");
        output.WriteLine($"  model gateway  {settings.GatewayUrl}");
        output.WriteLine($"  AI gateway     {settings.AiGatewayUrl}");
        output.WriteLine($"  JWT issuer     {settings.IssuerUrl} (JWKS: {Join(settings.IssuerUrl, ".well-known/jwks.json")})");
        output.WriteLine($"  Prometheus     {settings.PrometheusUrl}");
        output.WriteLine($"  Grafana        {settings.GrafanaUrl}");
        output.WriteLine($"  Jaeger         {settings.JaegerUrl}");
        output.WriteLine($"  Kiali          {settings.KialiUrl}");
        if (ExampleModel() is not { } model) return;
        // Both gateways are HTTPS with the platform's own CA: curl trusts exactly that CA, never -k.
        var ca = settings.GatewayCaFile ?? "gateway-ca.pem";
        output.WriteLine($"The gateways' CA (trust exactly it, never -k){(settings.GatewayCaFile is null ? ", read from the cluster:" : $": {ca}")}");
        if (settings.GatewayCaFile is null)
            output.WriteLine($"  kubectl --context {settings.KubeContext} -n {InferenceBox.Platform.Gateway.Tls.GatewayCaSources.SecretNamespace} get secret " +
                $"{InferenceBox.Platform.Gateway.Tls.GatewayCaSources.SecretName} -o jsonpath='{{.data.ca\\.crt}}' | base64 -d > {ca}");
        output.WriteLine($"A token for {model.Tenant} (its OAuth client's secret is in the Secret jwt-issuer-client of its namespace), then a call:");
        output.WriteLine($"  TOKEN=$(kubectl --context {settings.KubeContext} -n {model.Tenant} get secret jwt-issuer-client \\");
        output.WriteLine("      -o go-template='user = \"{{.data.client_id|base64decode}}:{{.data.client_secret|base64decode}}\"' \\");
        output.WriteLine($"    | curl -s --cacert {ca} -K - -d grant_type=client_credentials {Join(settings.IssuerUrl, "token")} \\");
        output.WriteLine("    | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"access_token\"])')");
        var input = System.Text.Json.JsonSerializer.Serialize(new { instances = model.ProbeInput });
        output.WriteLine($"  curl -s --cacert {ca} -H \"Authorization: Bearer $TOKEN\" -d '{input}' \\");
        output.WriteLine($"    {Join(settings.GatewayUrl, $"{model.Tenant}/{model.Name}/v1/models/{model.ModelNameInPath}:predict")}");
    }

    /// <summary>The first default model of models/catalog.json that takes a feature matrix; null without a catalog.</summary>
    private static CatalogModel? ExampleModel()
    {
        var path = Path.Combine(RunPaths.RepositoryRoot(), ModelCatalog.RelativePath);
        return File.Exists(path) ? ModelCatalog.Load(path).Defaults.FirstOrDefault(m => m.ProbeInput is not null && m.Speaks("v1")) : null;
    }

    private static string Join(Uri baseUrl, string path) => $"{baseUrl.ToString().TrimEnd('/')}/{path}";
}
