namespace InferenceBox.Platform.Models;

/// <summary>
/// One (tenant, model, version) of models/catalog.json: where it is stored, which KServe runtime serves it, and
/// the probe whose answer tells this version apart from the others.
/// </summary>
/// <param name="StoragePath">For pvc:// models, the folder under models/ (the node's /models); for remote extras,
/// the object path inside the remote storage.</param>
/// <param name="Default">True: deployed by the default profile from the repo's models/ folder. False: a heavy
/// opt-in extra (profile full) with remote storage.</param>
/// <param name="ProbeInput">Rows of features to send (V1 instances, or a V2 FP32 tensor); null for extras whose
/// probe is not a feature matrix (see <paramref name="ProbeNote"/>).</param>
/// <param name="ExpectedOutput">The classes the artifact answers to <paramref name="ProbeInput"/>, computed by
/// models/generate.py.</param>
/// <param name="ServedModelName">The model name in the KServe path when it is not the InferenceService name
/// (TorchServe serves the name from its own config).</param>
/// <param name="ProbeNote">How to probe a model whose input is not a feature matrix, and what is known of it.</param>
/// <param name="Sha256">For pvc:// models, the SHA-256 of the one artifact file (written by models/generate.py): checked
/// before anything loads the pickle.</param>
public sealed record CatalogModel(
    string Name,
    string Version,
    string Tenant,
    string Runtime,
    string ModelFormat,
    IReadOnlyList<string> Protocols,
    string StoragePath,
    string StorageUri,
    bool Default,
    double[][]? ProbeInput,
    long[]? ExpectedOutput,
    string? ServedModelName = null,
    string? ProbeNote = null,
    string? Sha256 = null)
{
    public const string PvcPrefix = "pvc://models/";

    /// <summary>How errors and reports name this entry, e.g. "tenant-a/sklearn-iris v2".</summary>
    public string Id => $"{Tenant}/{Name} {Version}";

    /// <summary>The name to put in /v1/models/&lt;name&gt;:predict or /v2/models/&lt;name&gt;/infer.</summary>
    public string ModelNameInPath => ServedModelName ?? Name;

    /// <summary>Stored on the models PVC, i.e. served from the repo's models/ folder without a download.</summary>
    public bool IsLocal => StorageUri.StartsWith(PvcPrefix, StringComparison.Ordinal);

    public bool Speaks(string protocol) => Protocols.Contains(protocol, StringComparer.Ordinal);
}
