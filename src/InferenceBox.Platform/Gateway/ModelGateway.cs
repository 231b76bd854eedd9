namespace InferenceBox.Platform.Gateway;

/// <summary>
/// The Gateway every model and issuer route attaches to (manifests/gateway/gateway.yaml), and how to find its Envoy
/// pods: Envoy Gateway runs them in its own namespace, labelled with the Gateway they serve
/// (envoyproxy/gateway@v1.4.2 internal/gatewayapi/translator.go OwningGatewayNameLabel / OwningGatewayNamespaceLabel),
/// the proxy in container "envoy" (internal/infrastructure/kubernetes/proxy/resource.go envoyContainerName).
/// </summary>
public static class ModelGateway
{
    public const string Namespace = "envoy-gateway-system";
    public const string Name = "inference-gateway";
    public const string ProxyContainer = "envoy";

    /// <summary>The label selector of the Gateway's Envoy pods (and of the Deployment Envoy Gateway creates for them).</summary>
    public static string ProxySelector(string gateway = Name, string gatewayNamespace = Namespace) =>
        $"gateway.envoyproxy.io/owning-gateway-name={gateway},gateway.envoyproxy.io/owning-gateway-namespace={gatewayNamespace}";

    /// <summary>The tracing service name Envoy Gateway gives the Gateway's spans: "&lt;name&gt;.&lt;namespace&gt;"
    /// (envoyproxy/gateway@v1.4.2 internal/gatewayapi/listener.go processTracing, internal/utils/naming/naming.go ServiceName).</summary>
    public static string TracingServiceName => $"{Name}.{Namespace}";
}
