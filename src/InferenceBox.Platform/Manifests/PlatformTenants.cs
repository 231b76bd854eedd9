namespace InferenceBox.Platform.Manifests;

/// <summary>
/// The platform's tenants, written once: each is a folder of manifests/tenants/ (its namespace and policies) and an
/// OAuth client of the issuer (manifests/issuer/issuer.yaml, Issuer__Tenants__N). PlatformTenantsTests holds this list
/// equal to both. A constant rather than a listing of the folder: the offline checks judge a manifests folder against
/// it, so a deleted tenant folder must be reported, not silently drop the tenant.
/// </summary>
public static class PlatformTenants
{
    public static readonly IReadOnlyList<string> All = ["tenant-a", "tenant-b", "tenant-c"];
}
