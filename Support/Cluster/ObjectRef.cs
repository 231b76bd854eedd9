namespace InferenceBox.Specs.Support.Cluster;

/// <summary>
/// Names one Kubernetes object: where its API lives (apiVersion + plural) and which one it is.
/// <see cref="Namespace"/> is null for cluster-scoped objects.
/// </summary>
public sealed record ObjectRef(string ApiVersion, string Kind, string Plural, string? Namespace, string Name)
{
    /// <summary>"" for the core group (apiVersion "v1").</summary>
    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";
    public string Version => ApiVersion.Contains('/') ? ApiVersion[(ApiVersion.IndexOf('/') + 1)..] : ApiVersion;

    public static ObjectRef InferenceService(string ns, string name) =>
        new("serving.kserve.io/v1beta1", "InferenceService", "inferenceservices", ns, name);
    public static ObjectRef Pod(string ns, string name) => new("v1", "Pod", "pods", ns, name);
    public static ObjectRef Secret(string ns, string name) => new("v1", "Secret", "secrets", ns, name);
    public static ObjectRef Deployment(string ns, string name) => new("apps/v1", "Deployment", "deployments", ns, name);
    public static ObjectRef Crd(string name) =>
        new("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", null, name);

    public override string ToString() => $"{Kind} {(Namespace is null ? "" : Namespace + "/")}{Name}";
}
