namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>Small CRDs written for the tests (the pinned ones are exercised by the rehearsal).</summary>
public static class Crds
{
    /// <summary>The Widget CRD in <paramref name="group"/> (a group of its own per test lets tests on a real cluster not collide).</summary>
    public static string WidgetCrd(string group) => Widget.Replace("example.com", group, StringComparison.Ordinal);

    public const string Widget = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer, minimum: 1}
                      color: {type: string, enum: [red, blue], default: red}
                      port: {x-kubernetes-int-or-string: true}
                      field: {type: object, required: [nested], properties: {nested: {type: string}}}
                  status:
                    type: object
                    properties:
                      ready: {type: boolean}
        """;

    public static string WidgetObject(string ns, string name, string spec = "{size: 1}") => $"""
        apiVersion: example.com/v1
        kind: Widget
        metadata: {"{"}name: {name}, namespace: {ns}{"}"}
        spec: {spec}
        """;
}
