namespace InferenceBox.Specs.Support.Schemas;

/// <summary>
/// The checks a schema cannot express (issue 3, "Semantic checks"): tenancy completeness, references that resolve,
/// images and charts that match the version lock.
/// </summary>
public static class SemanticChecks
{
    public static IReadOnlyList<ValidationError> Run(string manifestsDir, IReadOnlyList<ManifestObject> objects)
    {
        var errors = new List<ValidationError>();
        errors.AddRange(Duplicates(objects));
        errors.AddRange(TenancyCheck.Run(objects));
        errors.AddRange(new ReferenceCheck(objects).Run());
        VersionLock versionLock;
        try
        {
            versionLock = VersionLock.Load(Path.Combine(manifestsDir, VersionLock.FileName));
        }
        catch (InvalidDataException e)
        {
            errors.Add(new ValidationError(VersionLock.FileName, null, null, e.Message));
            return errors;
        }
        errors.AddRange(ImageCheck.Run(objects, versionLock));
        errors.AddRange(LockCheck.Run(manifestsDir, objects, versionLock));
        return errors;
    }

    /// <summary>The same object twice: the later apply silently replaces the earlier one.</summary>
    private static IEnumerable<ValidationError> Duplicates(IReadOnlyList<ManifestObject> objects) =>
        objects.Where(o => o is { Kind: not null, Name: not null })
            .GroupBy(o => new ObjectKey(TenancyCheck.Group(o), o.Kind!, o.Namespace, o.Name!))
            .Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(o => new ValidationError(o.File, o.Describe(), null,
                $"{g.Key} is also defined in {g.First().File} (document {g.First().DocumentIndex + 1}): the later apply replaces it")));
}
