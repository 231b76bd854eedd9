using InferenceBox.Platform.Gateway;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Schemas.Security;

namespace InferenceBox.Platform.Schemas;

/// <summary>
/// The checks a schema cannot express (issue 3, "Semantic checks"): tenancy completeness, references that resolve,
/// the AI gateway's extension kept off the model and issuer routes' Gateway, Gateways' entry points, containers that
/// fit their LimitRange, cold-start timeouts on routes to scale-to-zero models, AI routes that reach default-profile models, TLS at the
/// edge, images and charts that match the lock, the supply chain pinned by content (Supply/), and
/// the security baseline (<see cref="SecurityChecks"/>).
/// </summary>
public static class SemanticChecks
{
    public static IReadOnlyList<ValidationError> Run(string manifestsDir, IReadOnlyList<ManifestObject> objects)
    {
        var errors = new List<ValidationError>();
        errors.AddRange(Duplicates(objects));
        errors.AddRange(TenancyCheck.Run(objects));
        errors.AddRange(new ReferenceCheck(objects).Run());
        errors.AddRange(GatewayEntryPointCheck.Run(manifestsDir, objects));
        errors.AddRange(ResourceFitCheck.Run(objects));
        errors.AddRange(ColdStartRouteCheck.Run(objects));
        errors.AddRange(AiRouteBackendCheck.Run(objects));
        errors.AddRange(AiGatewayIsolation.Check(objects).Select(v => new ValidationError(v.Object.File, v.Object.Describe(), v.Path, v.Message)));
        VersionLock versionLock;
        try
        {
            versionLock = VersionLock.Load(Path.Combine(manifestsDir, VersionLock.FileName));
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
        {
            errors.Add(new ValidationError(VersionLock.FileName, null, null, e.Message));
            return errors;
        }
        errors.AddRange(GatewayTlsCheck.Run(objects, versionLock.Charts.GetValueOrDefault("cert-manager")?.Namespace ?? "cert-manager"));
        errors.AddRange(ImageCheck.Run(objects, versionLock));
        errors.AddRange(LockCheck.Run(manifestsDir, objects, versionLock));
        errors.AddRange(Supply.SupplyChainCheck.Run(versionLock));
        errors.AddRange(Supply.ChartImageCheck.Run(manifestsDir, versionLock));
        errors.AddRange(Supply.LocalImages.Check(objects, versionLock));
        errors.AddRange(SecurityChecks.Run(manifestsDir, objects, versionLock));
        return errors;
    }

    /// <summary>The canary scenario applies these over the objects they update (issue 3: v2 of sklearn-iris).</summary>
    public const string CanaryFolder = "inference/canary/";

    /// <summary>The full profile's opt-in models; it may replace a tenant's ResourceQuota for its bigger node (issue 19 item 9).</summary>
    public const string ExtrasFolder = "inference/extras/";

    /// <summary>
    /// The same object twice: the later apply silently replaces the earlier one. Canary manifests are the exception,
    /// and must each update an object defined elsewhere; so is the full profile's ResourceQuota in the extras folder.
    /// </summary>
    private static IEnumerable<ValidationError> Duplicates(IReadOnlyList<ManifestObject> objects)
    {
        static ObjectKey Key(ManifestObject o) => new(TenancyCheck.Group(o), o.Kind!, o.Namespace, o.Name!);
        var named = objects.Where(o => o is { Kind: not null, Name: not null }).ToList();
        var (canary, regular) = (named.Where(IsCanary).ToList(), named.Where(o => !IsCanary(o)).ToList());
        foreach (var group in regular.GroupBy(Key).Where(g => g.Count() > 1))
        {
            var first = group.OrderBy(o => o.File.StartsWith(ExtrasFolder, StringComparison.Ordinal)).First();
            foreach (var o in group.Where(o => !ReferenceEquals(o, first) && !IsQuotaOverlay(o, first)))
                yield return new ValidationError(o.File, o.Describe(), null,
                    $"{group.Key} is also defined in {first.File} (document {first.DocumentIndex + 1}): the later apply replaces it");
        }
        var regularKeys = regular.Select(Key).ToHashSet();
        foreach (var o in canary.Where(o => !regularKeys.Contains(Key(o))))
            yield return new ValidationError(o.File, o.Describe(), null,
                $"a canary manifest updates an existing object, but {Key(o)} is defined nowhere outside {CanaryFolder}");
    }

    private static bool IsCanary(ManifestObject o) => o.File.StartsWith(CanaryFolder, StringComparison.Ordinal);

    /// <summary>A ResourceQuota of the extras folder replacing one defined outside it: the full profile's quota.</summary>
    private static bool IsQuotaOverlay(ManifestObject o, ManifestObject original) =>
        o is { Kind: "ResourceQuota" } && o.File.StartsWith(ExtrasFolder, StringComparison.Ordinal)
        && !original.File.StartsWith(ExtrasFolder, StringComparison.Ordinal);
}
