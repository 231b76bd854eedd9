using InferenceBox.Platform.Provisioning.Ports;
using InferenceBox.Platform.Provisioning.Preflight;

namespace InferenceBox.Platform.Provisioning;

/// <summary>How the run hook (or a test) builds a <see cref="Provisioner"/>; every member has a working default.</summary>
public sealed record ProvisionerOptions
{
    /// <summary>The folder holding manifests/ and issuer/; default: <see cref="Run.RunPaths.RepositoryRoot"/> (the folder of InferenceBox.Specs.sln above the binary).</summary>
    public string? RepoRoot { get; init; }

    /// <summary>The schema validation of manifests/ (adapter over src/InferenceBox.Platform/Schemas); null: preflight skips it and says so.</summary>
    public IManifestCheck? ManifestCheck { get; init; }

    /// <summary>For tool downloads; default: a new HttpClient.</summary>
    public HttpClient? Http { get; init; }

    /// <summary>
    /// Where chart archives and release files come from and are verified; default: helm pull / HTTP GET into
    /// &lt;cache&gt;/artifacts beside the tools cache, checked against the lock. The rehearsal gives its stand-ins here.
    /// </summary>
    public Artifacts.ArtifactStore? Artifacts { get; init; }

    /// <summary>The host cache of the pinned model weights; default: &lt;cache&gt;/weights beside the tools cache, downloading over
    /// <see cref="Http"/>, checked against the lock. The rehearsal gives its stand-ins here (Rehearsal/StandInWeights).</summary>
    public Models.IModelWeights? Weights { get; init; }

    /// <summary>Test seams: replace the CliWrap tool runner and the KubernetesClient cluster port.</summary>
    public IToolRunner? Tools { get; init; }
    public Func<IClusterPort>? Cluster { get; init; }

    /// <summary>Host ports preflight checks (default: the Kind mappings of the brief).</summary>
    public IReadOnlyDictionary<int, string>? HostPorts { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

}
