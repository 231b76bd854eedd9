using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Schemas.Supply;

namespace InferenceBox.Specs.Tests.SupplyChain;

/// <summary>Issue 19 item 10: every image by digest, the charts told to use those digests, the local issuer never pulled.</summary>
public sealed class ImageDigestTests
{
    private static readonly string Manifests = ManifestFiles.FolderOf(RunPaths.RequireRepositoryRoot());
    private static VersionLock RepositoryLock => VersionLock.Load(Path.Combine(Manifests, VersionLock.FileName));
    private const string Digest = "sha256:9a1ed35addb45476afa911696297f8e115993df459278ed036182dd2cd22b67b";

    [Fact]
    public void The_repository_lock_pins_every_image_and_artifact_by_content_or_names_it_a_known_gap()
    {
        var errors = SupplyChainCheck.Run(RepositoryLock).ToList();

        errors.Should().BeEmpty(string.Join("\n", errors));
        SupplyChainCheck.KnownGaps(RepositoryLock).Should().OnlyContain(g => g.StartsWith("known gap (warning): "));
    }

    [Fact]
    public void The_charts_values_carry_the_locked_digests()
    {
        var errors = ChartImageCheck.Run(Manifests, RepositoryLock).ToList();

        errors.Should().BeEmpty(string.Join("\n", errors));
        // Not vacuous: the lock has digests for charted images, and each of those is set in its chart's values.
        ChartImages.All.Count(i => LockedImage.Find(RepositoryLock, i.Image)?.HasDigest == true).Should().BeGreaterThanOrEqualTo(10);
    }

    [Fact]
    public void A_new_image_without_a_digest_fails_while_a_listed_gap_only_warns()
    {
        var versionLock = new VersionLock
        {
            Images = { ["curlimages/curl"] = "8.14.1@" + Digest, ["docker.io/istio/pilot"] = "1.26.2", ["ghcr.io/new/thing"] = "1.0" },
            Unpinned = { Images = { ["docker.io/istio/pilot"] = "no public record of its digest" } },
        };

        var errors = SupplyChainCheck.Run(versionLock).ToList();

        errors.Should().ContainSingle().Which.Path.Should().Be(".images[\"ghcr.io/new/thing\"]");
        errors[0].Message.Should().Contain("pinned by tag only").And.Contain("crane digest ghcr.io/new/thing:1.0").And.Contain("unpinned.images");
        SupplyChainCheck.KnownGaps(versionLock).Should().Equal(
            "known gap (warning): image docker.io/istio/pilot:1.26.2 is pinned by tag only: no public record of its digest");
    }

    [Fact]
    public void A_gap_that_has_been_pinned_must_leave_the_list()
    {
        var versionLock = new VersionLock
        {
            Images = { ["curlimages/curl"] = "8.14.1@" + Digest },
            Unpinned = { Images = { ["curlimages/curl"] = "was missing", ["docker.io/gone/away"] = "removed image" } },
        };

        SupplyChainCheck.Run(versionLock).Select(e => e.Path).Should().BeEquivalentTo(
            ".unpinned.images[\"curlimages/curl\"]", ".unpinned.images[\"docker.io/gone/away\"]");
    }

    [Fact]
    public void A_chart_whose_values_drop_the_locked_digest_is_refused_where_the_chart_reads_it()
    {
        var dir = Directory.CreateTempSubdirectory("ibx-chart-images-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "values"));
            File.WriteAllText(Path.Combine(dir, "values", "cert-manager.yaml"), "image:\n  digest: sha256:" + new string('0', 64) + "\n");
            var versionLock = new VersionLock
            {
                Charts = { ["cert-manager"] = new() { Chart = "cert-manager", Repo = "https://charts.jetstack.io", Version = "v1.18.2", Namespace = "cert-manager" } },
                Images = ChartImages.All.Where(i => i.Chart == "cert-manager").ToDictionary(i => i.Image, _ => "v1.18.2@" + Digest),
            };

            var errors = ChartImageCheck.Run(dir, versionLock).ToList();

            errors.Select(e => e.Path).Should().BeEquivalentTo(".image.digest", ".webhook.image.digest", ".cainjector.image.digest",
                ".acmesolver.image.digest", ".startupapicheck.image.digest");
            errors.First(e => e.Path == ".image.digest").Message.Should().Contain($"must be \"{Digest}\"").And.Contain("cert-manager/cert-manager@v1.18.2");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Theory]
    [InlineData("inferencebox/jwt-issuer", "0.1.0", "would resolve to a public registry (docker.io/inferencebox/jwt-issuer)")]
    [InlineData("jwt-issuer", "0.1.0", "would resolve to a public registry (docker.io/library/jwt-issuer)")]
    [InlineData("kind.local/inferencebox/jwt-issuer", "latest", "needs a fixed tag")]
    [InlineData("kind.local/inferencebox/jwt-issuer", "0.1.0", null)]
    [InlineData("localhost/inferencebox/jwt-issuer", "0.1.0", null)]
    public void A_locally_built_image_is_named_under_a_registry_no_one_can_own(string repository, string tag, string? problem)
    {
        var found = LocalImages.WhyNotLocal(repository, tag);

        if (problem is null) found.Should().BeNull();
        else found.Should().Contain(problem);
    }

    [Fact]
    public void The_issuer_is_never_pulled_and_its_base_image_is_the_locked_digest()
    {
        var issuer = InferenceBox.Platform.Manifests.ManifestLoader.Folder(Manifests, "issuer");
        var versionLock = RepositoryLock;

        LocalImages.Check(issuer, versionLock).Should().BeEmpty();
        var container = issuer.Single(o => o.Kind == "Deployment").Body["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var image = container["image"]!.GetValue<string>();
        versionLock.LocalImages.Should().ContainKey(image.Split(':')[0]).WhoseValue.Should().Be(image.Split(':')[1]);
        container["imagePullPolicy"]!.GetValue<string>().Should().Be("Never");
        InferenceBox.Platform.Provisioning.Phases.IssuerPhase.ImageIn(versionLock).Should().Be(image);

        var csproj = System.Xml.Linq.XDocument.Load(Path.Combine(RunPaths.RequireRepositoryRoot(), "issuer", "InferenceBox.Issuer", "InferenceBox.Issuer.csproj"));
        var baseImage = csproj.Descendants("ContainerBaseImage").Single().Value;
        var aspnet = LockedImage.Find(versionLock, "mcr.microsoft.com/dotnet/aspnet");
        aspnet.Should().NotBeNull("the issuer's base image is pulled, so the lock pins it");
        aspnet!.HasDigest.Should().BeTrue();
        baseImage.Should().Be(aspnet.ToString());
    }
}
