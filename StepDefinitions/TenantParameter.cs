using InferenceBox.Platform.Manifests;
using Reqnroll;

namespace InferenceBox.Specs.StepDefinitions;

/// <summary>One of the platform's tenants, as a step names it. Converts to its name (the namespace) for the drivers.</summary>
public sealed record Tenant(string Name)
{
    public static implicit operator string(Tenant tenant) => tenant.Name;
    public override string ToString() => Name;
}

/// <summary>
/// The one <c>{tenant}</c> parameter type of every step that names a tenant. Reqnroll registers a
/// [StepArgumentTransformation] with a Name as the Cucumber-expression parameter type of that name, whose regex is the
/// transformation's (reqnroll/Reqnroll@v3.3.3 Reqnroll/StepArgumentTransformationAttribute.cs "Name: the custom parameter
/// type name to be used in Cucumber Expressions"; Reqnroll/Bindings/CucumberExpressions/CucumberExpressionParameterTypeRegistry.cs
/// GetUserTransformations). Regex step definitions whose parameter is a <see cref="Tenant"/> convert through the same method
/// (Reqnroll/Bindings/StepArgumentTypeConverter.cs picks a transformation by return type and regex). v3.3.4 is not in the
/// mirror; v3.3.3 was read.
/// </summary>
[Binding]
public sealed class TenantParameter
{
    public const string Pattern = "tenant-[a-z0-9]+";

    /// <summary>For the few regex step definitions Cucumber expressions cannot say (a free-text tail): the same pattern, captured.</summary>
    public const string Capture = "(" + Pattern + ")";

    /// <summary>A name shaped like a tenant that is not one of the platform's fails here, once, naming the known ones.</summary>
    [StepArgumentTransformation(Capture, Name = "tenant")]
    public static Tenant Parse(string name) => Known.Contains(name, StringComparer.Ordinal)
        ? new Tenant(name)
        : throw new ArgumentException(
            $"'{name}' in the step is not one of the platform's tenants ({string.Join(", ", Known)}, from {nameof(PlatformTenants)}.{nameof(PlatformTenants.All)}): " +
            "correct the feature's step, or add the tenant to the platform (manifests/tenants, the issuer's clients) and to that list.");

    private static IReadOnlyList<string> Known => PlatformTenants.All;
}
