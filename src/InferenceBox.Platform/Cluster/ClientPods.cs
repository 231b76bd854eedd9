using System.Text;
using k8s.Models;
using InferenceBox.Platform.Manifests;
using InferenceBox.Platform.Run;
using InferenceBox.Platform.Schemas.Supply;

namespace InferenceBox.Platform.Cluster;

/// <summary>One HTTP call to make from inside the cluster, from a pod in <see cref="Namespace"/>.</summary>
/// <param name="TokenInQuery">send the bearer token as an access_token query parameter instead of an Authorization header
/// (what the token-location scenarios try; the token still travels into the pod in a Secret, never in the pod spec)</param>
public sealed record InMeshCall(string Namespace, bool WithSidecar, Uri Url, string Method = "GET", string? JsonBody = null,
    IReadOnlyDictionary<string, string>? Headers = null, bool TokenInQuery = false);

/// <summary>
/// What the client pod's curl saw. <see cref="CurlExitCode"/> 0 means an HTTP answer arrived (any status);
/// otherwise no answer: 7 connection refused, 28 timeout, 56 connection reset (what a plaintext client gets from
/// a sidecar that requires mutual TLS). <see cref="HttpStatus"/> is null when curl got no answer.
/// </summary>
public sealed record InMeshResult(string Pod, int CurlExitCode, int? HttpStatus, string Body, string CurlErrors);

/// <summary>Builds the short-lived client pod and reads its one-line result back from the logs.</summary>
public static class ClientPods
{
    public const string CurlRepository = "curlimages/curl";

    /// <summary>The curl image as the repository's manifests/versions.yaml pins it (images: curlimages/curl), read once.</summary>
    public static string CurlImage => RepositoryCurlImage.Value;

    private static readonly Lazy<string> RepositoryCurlImage =
        new(() => CurlImageIn(VersionLock.Load(Path.Combine(RunPaths.ManifestsDir(), VersionLock.FileName))));

    /// <summary>The curl image <paramref name="versionLock"/> pins; a client pod runs only an image pinned by digest.</summary>
    public static string CurlImageIn(VersionLock versionLock) =>
        LockedImage.Find(versionLock, CurlRepository) is { HasDigest: true } locked ? locked.ToString()
            : throw new InvalidDataException($"manifests/versions.yaml has no images: entry {CurlRepository} pinned by digest " +
                "(tag@sha256:…); the in-mesh client pods run that image. Add it.");
    public const string Container = "curl";
    public const string ResultMarker = "IBX-RESULT ";
    public const int MaxHeaders = 4;
    public const int CurlMaxSeconds = 15;
    public const long CurlUser = 100;

    // Inputs arrive as environment variables and are expanded inside "$@", so no value is ever parsed as shell code.
    private static readonly string Script = string.Join('\n',
        $"set -- -sS --connect-timeout 5 --max-time {CurlMaxSeconds} -o /tmp/body -w '%{{http_code}}' -X \"$IBX_METHOD\"",
        "url=\"$IBX_URL\"",
        "if [ -n \"${IBX_TOKEN:-}\" ] && [ \"${IBX_TOKEN_IN:-header}\" = query ]; then",
        "  case \"$url\" in *\\?*) url=\"$url&access_token=$IBX_TOKEN\" ;; *) url=\"$url?access_token=$IBX_TOKEN\" ;; esac",
        "elif [ -n \"${IBX_TOKEN:-}\" ]; then set -- \"$@\" -H \"Authorization: Bearer $IBX_TOKEN\"; fi",
        string.Join('\n', Enumerable.Range(0, MaxHeaders).Select(i => $"[ -n \"${{IBX_H{i}:-}}\" ] && set -- \"$@\" -H \"$IBX_H{i}\"")),
        "[ -n \"${IBX_BODY:-}\" ] && set -- \"$@\" -H 'Content-Type: application/json' --data \"$IBX_BODY\"",
        "curl \"$@\" \"$url\" >/tmp/code 2>/tmp/err; rc=$?",
        "cat /tmp/err >&2",
        $"printf '{ResultMarker}exit=%s http_code=%s body_b64=%s\\n' \"$rc\" \"$(cat /tmp/code 2>/dev/null)\" \"$(base64 -w0 /tmp/body 2>/dev/null)\"",
        // A classic (non-native) sidecar would keep the pod running; ask it to quit. Harmless without one.
        "[ \"$IBX_SIDECAR\" = true ] && curl -s -X POST http://127.0.0.1:15020/quitquitquit >/dev/null 2>&1",
        "exit 0");

    public static V1Pod Build(InMeshCall call, string name, string? tokenSecret, IReadOnlyDictionary<string, string> labels,
        TimeSpan deadline)
    {
        if (call.Headers is { Count: > MaxHeaders })
            throw new ArgumentException($"A client pod sends at most {MaxHeaders} extra headers; {call.Headers.Count} were given.");
        var env = new List<V1EnvVar>
        {
            Env("IBX_URL", call.Url.ToString()), Env("IBX_METHOD", call.Method), Env("IBX_BODY", call.JsonBody ?? ""),
            Env("IBX_SIDECAR", call.WithSidecar ? "true" : "false"), Env("IBX_TOKEN_IN", call.TokenInQuery ? "query" : "header"),
        };
        env.AddRange((call.Headers ?? new Dictionary<string, string>()).Select((h, i) => Env($"IBX_H{i}", $"{h.Key}: {h.Value}")));
        if (tokenSecret is not null)
            env.Add(new V1EnvVar
            {
                Name = "IBX_TOKEN",
                ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = tokenSecret, Key = "token" } },
            });
        var annotations = new Dictionary<string, string> { ["sidecar.istio.io/inject"] = call.WithSidecar ? "true" : "false" };
        if (call.WithSidecar)
        {
            // Native sidecar: the proxy starts before curl and does not keep the finished pod alive.
            annotations["sidecar.istio.io/nativeSidecar"] = "true";
            annotations["proxy.istio.io/config"] = "{\"holdApplicationUntilProxyStarts\": true}";
        }
        return new V1Pod
        {
            ApiVersion = "v1", Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = call.Namespace, Labels = labels.ToDictionary(), Annotations = annotations },
            Spec = new V1PodSpec
            {
                RestartPolicy = "Never",
                ActiveDeadlineSeconds = (long)Math.Ceiling(deadline.TotalSeconds),
                // curl needs no API token; Istio's sidecar mounts its own (istio-token, injection-template.yaml).
                AutomountServiceAccountToken = false,
                // Restricted (issue 19 item 8). The image's user is a name, curl_user (curl/curl-container@8.14.1
                // create_base_image.sh: busybox adduser -S, the first system uid, 100), and the kubelet refuses runAsNonRoot
                // for a user it cannot read as a number (kubernetes pkg/kubelet/kuberuntime/security_context_others.go
                // verifyRunAsNonRoot): so the uid is given. The script writes only to /tmp. Not 1337, Istio's own uid,
                // whose traffic the sidecar's redirect lets through.
                SecurityContext = new V1PodSecurityContext
                {
                    RunAsNonRoot = true, RunAsUser = CurlUser, SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                },
                Containers =
                [
                    new V1Container
                    {
                        Name = Container, Image = CurlImage, ImagePullPolicy = "IfNotPresent", Command = ["/bin/sh", "-c", Script], Env = env,
                        SecurityContext = new V1SecurityContext
                        {
                            AllowPrivilegeEscalation = false, Capabilities = new V1Capabilities { Drop = ["ALL"] },
                        },
                        Resources = new V1ResourceRequirements
                        {
                            Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("64Mi") },
                            Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("10m"), ["memory"] = new("16Mi") },
                        },
                    },
                ],
            },
        };
    }

    private static V1EnvVar Env(string name, string value) => new() { Name = name, Value = value };

    /// <summary>Reads the result line the script prints last; anything else the pod logged is curl's error output.</summary>
    public static InMeshResult Parse(string pod, string logs)
    {
        var lines = logs.Replace("\r", "").Split('\n');
        var index = Array.FindLastIndex(lines, l => l.StartsWith(ResultMarker, StringComparison.Ordinal));
        if (index < 0)
            throw new InvalidDataException($"Client pod {pod} printed no '{ResultMarker.Trim()}' line; its logs were:\n{logs}");
        var fields = lines[index][ResultMarker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        if (!int.TryParse(fields.GetValueOrDefault("exit"), out var exit))
            throw new InvalidDataException($"Client pod {pod} printed an unreadable result line: {lines[index]}");
        var status = int.TryParse(fields.GetValueOrDefault("http_code"), out var code) && code > 0 ? code : (int?)null;
        var body = fields.GetValueOrDefault("body_b64") is { Length: > 0 } b64 ? Encoding.UTF8.GetString(Convert.FromBase64String(b64)) : "";
        return new InMeshResult(pod, exit, status, body, string.Join('\n', lines.Take(index)).Trim());
    }
}
