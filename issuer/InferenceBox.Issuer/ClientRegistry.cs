using System.Security.Cryptography;

namespace InferenceBox.Issuer;

/// <summary>
/// The registered clients, read from <see cref="IssuerOptions.ClientsFile"/> at startup and read again when its
/// content changes, so a rotated secret (a new hash in the mounted Secret) works without a restart. The file is
/// looked at, at most once per <see cref="IssuerOptions.ClientsReloadSeconds"/>, on the request that needs it; a
/// changed but invalid file is refused with one Warning and the clients read before stay in force.
/// Kubernetes replaces a mounted Secret's files atomically (a symlink swap); a subPath mount would never change.
/// </summary>
public sealed class ClientRegistry
{
    private readonly IssuerOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<ClientRegistry> _log;
    private readonly object _gate = new();
    private IReadOnlyDictionary<string, RegisteredClient> _clients;
    private byte[] _contentHash = [];
    private DateTimeOffset _lastLook;

    public ClientRegistry(IssuerOptions options, TimeProvider clock, ILogger<ClientRegistry> log)
    {
        (_options, _clock, _log) = (options, clock, log);
        _lastLook = clock.GetUtcNow();
        if (options.ClientsFile is not { Length: > 0 } path) { _clients = new Dictionary<string, RegisteredClient>(); return; }
        var content = Read(path) ?? throw new IssuerConfigurationException(
            $"Issuer:ClientsFile names \"{path}\", which cannot be read. Mount the Secret jwt-issuer-clients there or fix Issuer__ClientsFile.");
        var (clients, problems) = ClientsFile.Parse(content, options);
        _clients = clients ?? throw new IssuerConfigurationException($"Issuer:ClientsFile \"{path}\" {string.Join(" ", problems)}");
        _contentHash = SHA256.HashData(content);
    }

    /// <summary>How many clients are registered now (logged at startup; never their hashes).</summary>
    public int Count => Current().Count;

    /// <summary>The client with this id, or null (unknown ids are answered like a wrong secret).</summary>
    public RegisteredClient? Find(string clientId) => Current().GetValueOrDefault(clientId);

    private IReadOnlyDictionary<string, RegisteredClient> Current()
    {
        if (_options.ClientsFile is not { Length: > 0 } path) return _clients;
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (now - _lastLook < TimeSpan.FromSeconds(_options.ClientsReloadSeconds)) return _clients;
            _lastLook = now;
            var content = Read(path);
            if (content is null || SHA256.HashData(content).AsSpan().SequenceEqual(_contentHash)) return _clients;
            _contentHash = SHA256.HashData(content);
            var (clients, problems) = ClientsFile.Parse(content, _options);
            if (clients is null)
                _log.LogWarning("The clients file {Path} changed but is refused, the {Count} clients read before stay in force: {Problems}",
                    path, _clients.Count, string.Join(" ", problems));
            else
            {
                _clients = clients;
                _log.LogInformation("Read {Count} clients from {Path} again", clients.Count, path);
            }
            return _clients;
        }
    }

    private static byte[]? Read(string path)
    {
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
