namespace InferenceBox.Platform.Schemas;

/// <summary>A container image reference split the way the lock lists it: repository, and tag and/or digest.</summary>
public sealed record ImageReference(string Repository, string? Tag, string? Digest)
{
    /// <summary>What the lock's <c>images:</c> value must equal: the tag, the digest, or "tag@digest".</summary>
    public string? Pin => (Tag, Digest) switch
    {
        ({ } t, { } d) => $"{t}@{d}",
        ({ } t, null) => t,
        (null, { } d) => d,
        _ => null,
    };

    public static ImageReference Parse(string image)
    {
        var at = image.IndexOf('@');
        var (name, digest) = at < 0 ? (image, null) : (image[..at], image[(at + 1)..]);
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/')
            ? new ImageReference(name[..colon], name[(colon + 1)..], digest)
            : new ImageReference(name, null, digest);
    }

    /// <summary>The same repository as Docker resolves it: "nginx" = "docker.io/library/nginx".</summary>
    public static string Normalize(string repository)
    {
        var parts = repository.Split('/');
        var hasRegistry = parts.Length > 1 && (parts[0].Contains('.') || parts[0].Contains(':') || parts[0] == "localhost");
        var path = hasRegistry ? string.Join('/', parts[1..]) : repository;
        var registry = hasRegistry ? parts[0] : "docker.io";
        if (registry == "index.docker.io") registry = "docker.io";
        if (registry == "docker.io" && !path.Contains('/')) path = "library/" + path;
        return $"{registry}/{path}";
    }
}
