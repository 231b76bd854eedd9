using InferenceBox.Platform.Manifests;

namespace InferenceBox.Specs.Tests.Manifests;

/// <summary>The object preflight validates is, byte for byte, the object the provisioner applies.</summary>
public sealed class ManifestBytesTests
{
    // 0x1F and !!int "8080" are integers in the YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution);
    // a 20-digit integer keeps all its digits.
    private const string Yaml = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: numbers, namespace: tenant-a}
        hex: 0x1F
        tagged: !!int "8080"
        big: 100000000000000000000
        quoted: "0x1F"
        """;

    private const string Expected =
        """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"numbers","namespace":"tenant-a"},"hex":31,"tagged":8080,"big":100000000000000000000,"quoted":"0x1F"}""";

    [Fact]
    public void The_applied_bytes_are_the_validated_bytes()
    {
        var dir = Directory.CreateTempSubdirectory("ibx-bytes-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "tenants"));
            File.WriteAllText(Path.Combine(dir, "tenants", "numbers.yaml"), Yaml);
            var validated = ManifestLoader.Load(dir).Objects.Single().Body.ToJsonString();
            var applied = ManifestLoader.Folder(dir, "tenants").Single().Json;

            validated.Should().Be(Expected);
            applied.Should().Be(validated);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
