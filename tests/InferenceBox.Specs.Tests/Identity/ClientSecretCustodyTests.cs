using System.Security.Cryptography;
using System.Text;
using InferenceBox.Issuer;
using InferenceBox.Specs.Support.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Tokens;

namespace InferenceBox.Specs.Tests.Identity;

/// <summary>
/// How the issuer keeps client secrets: only SHA-256 hashes in its clients file, compared in constant time, and a
/// changed file (a rotated secret) read again without a restart; a broken file never takes the working clients away.
/// </summary>
public sealed class ClientSecretCustodyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_clients_file_holds_each_secrets_SHA256_and_never_the_secret()
    {
        var secret = ClientRegistrations.NewSecret();
        Base64UrlDecodedLength(secret).Should().Be(32, "256 random bits: a plain SHA-256 is enough (SecretHash explains why)");
        var json = ClientRegistrations.ClientsJson([("tenant-a", [secret])]);

        json.Should().NotContain(secret);
        ClientRegistrations.HashesIn(json).Should().Equal(Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
        var (clients, problems) = ClientsFile.Parse(Encoding.UTF8.GetBytes(json), Options());
        problems.Should().BeEmpty();
        clients!["tenant-a"].SecretHashes.Should().ContainSingle().Which.Should().Equal(SecretHash.Of(secret));
    }

    [Fact]
    public void The_compare_checks_every_stored_hash_in_fixed_time_and_matches_only_equal_hashes()
    {
        var (old, current) = (SecretHash.Of("old"), SecretHash.Of("current"));
        SecretHash.Matches(SecretHash.Of("current"), [old, current]).Should().BeTrue("a match in the second of two hashes counts");
        SecretHash.Matches(SecretHash.Of("old"), [old, current]).Should().BeTrue();
        SecretHash.Matches(SecretHash.Of("other"), [old, current]).Should().BeFalse();
        SecretHash.Matches(current.AsSpan(0, 31), [current]).Should().BeFalse("FixedTimeEquals is false for different lengths");
        SecretHash.Matches(current, []).Should().BeFalse();
    }

    [Fact]
    public void An_invalid_clients_file_stops_the_start_listing_every_problem_without_echoing_hashes()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("inferencebox-clients-").FullName, "clients.json");
        File.WriteAllText(file, """{"clients":[{"client_id":"tenant-a","tenant":"tenant-x","scopes":["predict"],"audiences":["elsewhere"],"secret_sha256":["c2hvcnQ="]}]}""");
        var act = () => IssuerApp.Build([], [.. LoopbackIssuer.PlatformConfiguration(LoopbackIssuer.NewKeyFile()), new("Issuer:ClientsFile", file)])
            .Services.GetRequiredService<ClientRegistry>();
        act.Should().Throw<IssuerConfigurationException>()
            .WithMessage($"*{file}*clients[0].tenant*clients[0].audiences*clients[0].secret_sha256*")
            .Which.Message.Should().NotContain("c2hvcnQ=");

        var missing = file + ".missing";
        FluentActions.Invoking(() => IssuerApp.Build([], [.. LoopbackIssuer.PlatformConfiguration(LoopbackIssuer.NewKeyFile()), new("Issuer:ClientsFile", missing)])
                .Services.GetRequiredService<ClientRegistry>())
            .Should().Throw<IssuerConfigurationException>().WithMessage($"*{missing}*Issuer__ClientsFile*");
    }

    [Fact]
    public async Task A_rotated_secret_works_without_a_restart_and_the_old_one_stops_when_its_hash_is_removed()
    {
        await using var issuer = await LoopbackIssuer.StartAsync(LoopbackIssuer.NewKeyFile(), ("Issuer:ClientsReloadSeconds", "0"));
        using var client = IssuerClient.For(issuer.BaseUrl);
        var old = issuer.Clients.For("tenant-a");
        var next = ClientRegistrations.NewSecret();
        (await client.RequestTokenAsync(old, TokenAsk.Default, Ct)).Status.Should().Be(200);

        // Step 1 of a rotation: both hashes are valid while consumers move to the new secret.
        issuer.Clients.Write(new Dictionary<string, IReadOnlyList<string>> { ["tenant-a"] = [OldSecret(issuer), next] });
        (await client.RequestTokenAsync(old, TokenAsk.Default, Ct)).Status.Should().Be(200);
        (await client.RequestTokenAsync(old.WithSecret(next), TokenAsk.Default, Ct)).Status.Should().Be(200);

        // Step 2: the old hash goes; the same process now refuses the old secret.
        issuer.Clients.Write(new Dictionary<string, IReadOnlyList<string>> { ["tenant-a"] = [next] });
        (await client.RequestTokenAsync(old, TokenAsk.Default, Ct)).Error.Should().Be("invalid_client");
        (await client.RequestTokenAsync(old.WithSecret(next), TokenAsk.Default, Ct)).Status.Should().Be(200);
    }

    [Fact]
    public async Task A_Secret_volume_update_is_picked_up_through_the_kubelets_symlink_swap()
    {
        // The layout and the update of a Secret volume as the kubelet writes them (kubernetes/kubernetes
        // pkg/volume/util/atomic_writer.go, read at a stored version): <dir>/clients.json -> ..data/clients.json,
        // ..data -> ..<timestamp>/; an update writes a new timestamped folder, points ..data_tmp at it and renames
        // ..data_tmp over ..data (one atomic rename). The issuer reads the path it was given, so it follows the swap.
        var volume = Directory.CreateTempSubdirectory("inferencebox-secret-volume-").FullName;
        var first = TestClients.Create();
        var next = ClientRegistrations.NewSecret();
        Project(volume, "..2026_01_01_00_00_00.1", File.ReadAllText(first.File));
        File.CreateSymbolicLink(Path.Combine(volume, "..data"), "..2026_01_01_00_00_00.1");
        File.CreateSymbolicLink(Path.Combine(volume, "clients.json"), Path.Combine("..data", "clients.json"));
        await using var issuer = await LoopbackIssuer.StartAsync(LoopbackIssuer.NewKeyFile(),
            ("Issuer:ClientsFile", Path.Combine(volume, "clients.json")), ("Issuer:ClientsReloadSeconds", "0"));
        using var client = IssuerClient.For(issuer.BaseUrl);
        (await client.RequestTokenAsync(first.For("tenant-c"), TokenAsk.Default, Ct)).Status.Should().Be(200);

        Project(volume, "..2026_01_01_00_01_00.2", ClientRegistrations.ClientsJson(PlatformTenants.All.Select(t => (t, (IReadOnlyList<string>)[next]))));
        File.CreateSymbolicLink(Path.Combine(volume, "..data_tmp"), "..2026_01_01_00_01_00.2");
        Rename(Path.Combine(volume, "..data_tmp"), Path.Combine(volume, "..data")).Should().Be(0, "rename(2) replaces the ..data symlink");
        Directory.Delete(Path.Combine(volume, "..2026_01_01_00_00_00.1"), recursive: true);

        (await client.RequestTokenAsync(first.For("tenant-c"), TokenAsk.Default, Ct)).Error.Should().Be("invalid_client");
        (await client.RequestTokenAsync(first.For("tenant-c").WithSecret(next), TokenAsk.Default, Ct)).Status.Should().Be(200);

        static void Project(string volume, string folder, string json)
        {
            Directory.CreateDirectory(Path.Combine(volume, folder));
            File.WriteAllText(Path.Combine(volume, folder, "clients.json"), json);
        }
    }

    [Fact]
    public async Task A_broken_clients_file_is_refused_with_one_warning_and_the_clients_read_before_stay()
    {
        var logs = new RecordingLogs();
        await using var issuer = await LoopbackIssuer.StartAsync(LoopbackIssuer.NewKeyFile(),
            b => b.Logging.AddProvider(logs), ("Issuer:ClientsReloadSeconds", "0"), ("Logging:LogLevel:Default", "Information"));
        using var client = IssuerClient.For(issuer.BaseUrl);

        File.WriteAllText(issuer.Clients.File, """{"clients": [""");
        (await client.RequestTokenAsync(issuer.Clients.For("tenant-a"), TokenAsk.Default, Ct)).Status.Should().Be(200);
        (await client.RequestTokenAsync(issuer.Clients.For("tenant-b"), TokenAsk.Default, Ct)).Status.Should().Be(200);

        logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains(issuer.Clients.File, StringComparison.Ordinal))
            .Should().ContainSingle("the same broken content is reported once, not on every request");
    }

    [Fact]
    public async Task The_file_is_looked_at_again_only_after_the_reload_interval()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var issuer = await LoopbackIssuer.StartAsync(LoopbackIssuer.NewKeyFile(),
            b => b.Services.AddSingleton<TimeProvider>(clock), ("Issuer:ClientsReloadSeconds", "10"));
        using var client = IssuerClient.For(issuer.BaseUrl);
        var old = issuer.Clients.For("tenant-a");
        var next = ClientRegistrations.NewSecret();
        issuer.Clients.Write(new Dictionary<string, IReadOnlyList<string>> { ["tenant-a"] = [next] });

        (await client.RequestTokenAsync(old, TokenAsk.Default, Ct)).Status.Should().Be(200, "the interval has not passed since the last look");
        clock.Advance(TimeSpan.FromSeconds(10));
        (await client.RequestTokenAsync(old, TokenAsk.Default, Ct)).Error.Should().Be("invalid_client");
        (await client.RequestTokenAsync(old.WithSecret(next), TokenAsk.Default, Ct)).Status.Should().Be(200);
    }

    // rename(2) itself, as the kubelet's os.Rename does: .NET's File.Move refuses a symlink to a directory.
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int Rename(string from, string to);

    private static string OldSecret(LoopbackIssuer issuer) => SecretOf(issuer.Clients.For("tenant-a"));

    // The test owns the secret it generated; ClientCredentials shows it only inside a Basic header.
    private static string SecretOf(ClientCredentials credentials)
    {
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credentials.BasicHeader().Parameter!));
        return Uri.UnescapeDataString(decoded[(decoded.IndexOf(':') + 1)..]);
    }

    private static int Base64UrlDecodedLength(string value) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(value).Length;

    private static IssuerOptions Options() => new()
    {
        Issuer = IssuerIdentity.Issuer, Audiences = [IssuerIdentity.Audience], Tenants = [.. PlatformTenants.All],
    };

    /// <summary>Time the test moves by hand; the issuer's reload interval is read from it.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }
}
