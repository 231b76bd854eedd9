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
}
