using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace InferenceBox.Specs.Support.Isolation;

/// <summary>
/// Which scenario is running: its title, a file-system slug for its diagnostics folder, and a short stable hash
/// (of feature, title and example row) that makes the names of the objects it creates unique.
/// </summary>
public sealed partial record ScenarioIdentity(string Feature, string Title, string Slug, string Hash, DateTimeOffset StartedAt)
{
    public static ScenarioIdentity For(string feature, string title, IEnumerable<string>? exampleValues = null)
    {
        var key = $"{feature}\n{title}\n{string.Join("|", exampleValues ?? [])}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..6];
        var slug = NotSlug().Replace(title.ToLowerInvariant(), "-").Trim('-');
        slug = (slug.Length > 60 ? slug[..60].TrimEnd('-') : slug) + "-" + hash;
        return new(feature, title, slug, hash, DateTimeOffset.UtcNow);
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();
}
