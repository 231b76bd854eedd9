#!/usr/bin/env python3
"""An independent cross-check of manifests/ against the pinned schemas, with Debian's python3-jsonschema (Draft 4,
which reads OpenAPI 3.0's boolean exclusiveMaximum/exclusiveMinimum natively) and python3-yaml; it shares no code
with the C# validator. Usage: python3 independent-validate.py <schemas-dir> <manifests-dir>. Exit 1 on any invalid
object or unknown kind. CEL rules (x-kubernetes-validations) are not checked here either."""
import json, pathlib, re, sys, warnings
import yaml
warnings.filterwarnings('ignore', category=DeprecationWarning)  # RefResolver: still the API of Debian's jsonschema 4.10
from jsonschema import Draft4Validator, RefResolver


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 core schema: only true/false are booleans, no timestamps, '=' is a plain string."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in ('tag:yaml.org,2002:bool', 'tag:yaml.org,2002:timestamp', 'tag:yaml.org,2002:value')]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Yaml12Loader.add_implicit_resolver('tag:yaml.org,2002:bool', re.compile(r'^(?:true|True|TRUE|false|False|FALSE)$'), list('tTfF'))


def fix(s, root=False):
    """OpenAPI 3.0 + Kubernetes extensions -> Draft 4: int-or-string, nullable, closed objects, embedded resources."""
    if not isinstance(s, dict):
        return s
    s = dict(s)
    for key in ('properties', 'patternProperties'):
        if isinstance(s.get(key), dict):
            s[key] = {name: fix(sub) for name, sub in s[key].items()}
    for key in ('items', 'additionalProperties', 'not'):
        if isinstance(s.get(key), dict):
            s[key] = fix(s[key])
    for key in ('allOf', 'anyOf', 'oneOf'):
        if isinstance(s.get(key), list):
            s[key] = [fix(sub) for sub in s[key]]
    if s.get('x-kubernetes-int-or-string'):
        s.pop('type', None)
        s.setdefault('anyOf', [{'type': 'integer'}, {'type': 'string'}])
    if 'properties' in s:
        if root or s.get('x-kubernetes-embedded-resource'):
            for name in ('apiVersion', 'kind', 'metadata'):
                s['properties'].setdefault(name, {'type': 'string'} if name != 'metadata' else {'type': 'object'})
        if 'additionalProperties' not in s and not s.get('x-kubernetes-preserve-unknown-fields'):
            s['additionalProperties'] = False
    if s.pop('nullable', False):
        if isinstance(s.get('type'), str):
            s['type'] = [s['type'], 'null']
        if isinstance(s.get('enum'), list):
            s['enum'] = s['enum'] + [None]
        if any(k in s for k in ('$ref', 'allOf', 'anyOf', 'oneOf')):
            s = {'anyOf': [{'type': 'null'}, s]}
    return s


def load_schemas(folder):
    kinds = {}
    for path in sorted(pathlib.Path(folder).rglob('*'), key=lambda p: ('/standard/' in str(p), str(p))):
        if path.suffix in ('.yaml', '.yml'):
            for doc in yaml.load_all(path.read_text(), Loader=Yaml12Loader):
                if isinstance(doc, dict) and doc.get('kind') == 'CustomResourceDefinition':
                    spec = doc['spec']
                    for v in spec['versions']:
                        if v.get('served', True) and 'schema' in v:
                            kinds.setdefault((spec['group'], v['name'], spec['names']['kind']), ('crd', v['schema']['openAPIV3Schema']))
        elif path.suffix == '.json':
            components = json.loads(path.read_text()).get('components', {}).get('schemas', {})
            for name, schema in components.items():
                for gvk in schema.get('x-kubernetes-group-version-kind', []):
                    kinds.setdefault((gvk['group'], gvk['version'], gvk['kind']), ('openapi', (str(path), name, components)))
    return kinds


def main(schemas_dir, manifests_dir):
    kinds, built, fixed_docs = load_schemas(schemas_dir), {}, {}
    objects = invalid = unknown = 0
    root = pathlib.Path(manifests_dir)
    for path in sorted(root.rglob('*.yaml')):
        rel = path.relative_to(root).as_posix()
        if rel == 'versions.yaml' or rel.split('/')[0] in ('kind', 'values', 'dashboards'):
            continue
        for index, obj in enumerate(yaml.load_all(path.read_text(), Loader=Yaml12Loader)):
            if obj is None:
                continue
            objects += 1
            group, _, version = obj.get('apiVersion', '').rpartition('/')
            key = (group, version, obj.get('kind'))
            where = f"{rel} #{index + 1} {obj.get('kind')} {obj.get('metadata', {}).get('namespace', '')}/{obj.get('metadata', {}).get('name')}"
            if key not in kinds:
                unknown += 1
                print(f'UNKNOWN KIND  {where}: {obj.get("apiVersion")}')
                continue
            if key not in built:
                source, data = kinds[key]
                if source == 'crd':
                    built[key] = Draft4Validator(fix(data, root=True))
                else:
                    file, name, components = data
                    if file not in fixed_docs:
                        fixed_docs[file] = {n: fix(s) for n, s in components.items()}
                    schema = {'$ref': f'#/components/schemas/{name}', 'components': {'schemas': fixed_docs[file]}}
                    built[key] = Draft4Validator(schema, resolver=RefResolver.from_schema(schema))
            errors = list(built[key].iter_errors(json.loads(json.dumps(obj, default=str))))
            if errors:
                invalid += 1
            for e in errors:
                print(f'INVALID       {where} at .{".".join(map(str, e.absolute_path))}: {e.message[:200]}')
    print(f'{objects} objects, {invalid} invalid, {unknown} unknown kinds')
    return 1 if invalid or unknown or objects == 0 else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
