namespace InferenceBox.Specs.Tests.Emulator;

/// <summary>Small CRDs written for the tests (the pinned ones are exercised by the rehearsal).</summary>
public static class Crds
{
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

    /// <summary>The smallest Widget CRD (one served version, spec.size an integer) in <paramref name="group"/>.</summary>
    public static string SmallWidget(string group) => $$"""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.{{group}}}
        spec:
          group: {{group}}
          names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
          scope: Namespaced
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  properties:
                    spec:
                      type: object
                      properties:
                        size: {type: integer}
        """;

    public static string WidgetObject(string ns, string name, string spec = "{size: 1}") => $"""
        apiVersion: example.com/v1
        kind: Widget
        metadata: {"{"}name: {name}, namespace: {ns}{"}"}
        spec: {spec}
        """;
}
