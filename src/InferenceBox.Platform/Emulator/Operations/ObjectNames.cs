using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InferenceBox.Platform.Emulator.Discovery;
using InferenceBox.Platform.Emulator.Http;

namespace InferenceBox.Platform.Emulator.Operations;

/// <summary>
/// Name rules of ObjectMeta validation (kubernetes/apimachinery@v0.32.5 pkg/api/validation/objectmeta.go and
/// pkg/util/validation/validation.go, whose messages these are): most kinds need an RFC 1123 subdomain;
/// Namespaces an RFC 1123 label (core validation's <c>ValidateNamespaceName</c>); Services an RFC 1035 label
/// (<c>ValidateServiceName</c>).
/// </summary>
public static partial class ObjectNames
{
    private const string SubdomainFmt = @"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1035Fmt = "[a-z]([-a-z0-9]*[a-z0-9])?";

    public static IEnumerable<FieldError> Check(ApiResource resource, JsonObject obj)
    {
        var name = obj["metadata"]?["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            yield return FieldError.Required("metadata.name", "name or generateName is required");
            yield break;
        }
        var value = JsonValue.Create(name);
        var (max, problems) = resource.Group == "" && resource.Kind == "Namespace" ? (63, Label(name))
            : resource.Group == "" && resource.Kind == "Service" ? (63, Dns1035(name))
            : (253, Subdomain(name));
        if (name.Length > max) yield return FieldError.Invalid("metadata.name", value, $"must be no more than {max} characters");
        foreach (var problem in problems) yield return FieldError.Invalid("metadata.name", value, problem);
    }

    private static IEnumerable<string> Subdomain(string name)
    {
        if (!SubdomainRegex().IsMatch(name))
            yield return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an " +
                         $"alphanumeric character (e.g. 'example.com', regex used for validation is '{SubdomainFmt}')";
    }

    private static IEnumerable<string> Label(string name)
    {
        if (LabelRegex().IsMatch(name)) yield break;
        yield return SubdomainRegex().IsMatch(name) ? "must not contain dots"
            : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an " +
              $"alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '{LabelFmt}')";
    }

    private static IEnumerable<string> Dns1035(string name)
    {
        if (!Dns1035Regex().IsMatch(name))
            yield return "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an " +
                         $"alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '{Dns1035Fmt}')";
    }

    [GeneratedRegex("^" + SubdomainFmt + "$")] private static partial Regex SubdomainRegex();
    [GeneratedRegex("^" + LabelFmt + "$")] private static partial Regex LabelRegex();
    [GeneratedRegex("^" + Dns1035Fmt + "$")] private static partial Regex Dns1035Regex();
}
