using System.Security.Cryptography;

namespace InferenceBox.Specs.Tests.Models;

/// <summary>A models/ folder for a throwaway repository: one local model and its catalog entry, SHA-256 included.</summary>
public static class CatalogFiles
{
    /// <summary>
    /// Writes &lt;root&gt;/models/&lt;storagePath&gt;/model.joblib with <paramref name="artifact"/> and a catalog naming
    /// <paramref name="catalogSha256"/> (default: the artifact's own SHA-256) for tenant-a's <paramref name="name"/>.
    /// </summary>
    public static void Write(string root, string name, string version, byte[] artifact, string? catalogSha256 = null)
    {
        var storagePath = $"{name}/{version}";
        var folder = Path.Combine(root, "models", name, version);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "model.joblib"), artifact);
        var sha = catalogSha256 ?? Convert.ToHexStringLower(SHA256.HashData(artifact));
        File.WriteAllText(Path.Combine(root, "models", "catalog.json"), $$"""
            {"models": [{"name": "{{name}}", "version": "{{version}}", "tenant": "tenant-a", "runtime": "kserve-sklearnserver",
              "modelFormat": "sklearn", "protocols": ["v1", "v2"], "storagePath": "{{storagePath}}",
              "storageUri": "pvc://models/{{storagePath}}", "sha256": "{{sha}}", "default": true,
              "probeInput": [[6.8, 2.8, 4.8, 1.4]], "expectedOutput": [1]}]}
            """);
    }
}
