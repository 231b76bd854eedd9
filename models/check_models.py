#!/usr/bin/python3
"""Checks every local artifact of models/catalog.json against its probe, the way KServe's sklearnserver loads it.

    /usr/bin/python3 models/check_models.py          # one line per model, then a verdict
    /usr/bin/python3 models/check_models.py --json   # the same facts as one JSON document
    /usr/bin/python3 models/check_models.py --catalog other/catalog.json  # artifacts next to that catalog

For each entry stored on the models PVC (pvc://models/<storagePath>): the folder must hold exactly one
.joblib/.pkl/.pickle file (sklearnserver refuses none or several), its SHA-256 must be the catalog's (a pickle runs
code when it is loaded, so nothing else is loaded), joblib loads it, and predict() on the probe
must equal expectedOutput, both as float64 (V1 JSON numbers) and as float32 (V2 FP32 tensors). Versions of
one model must give different outputs on the same probe (the canary tells revisions apart by response).
Exit codes: 0 all good, 1 a check failed, 2 the catalog is unreadable, 3 scikit-learn/joblib missing.
"""
import argparse
import hashlib
import json
import pathlib
import sys

MODEL_EXTENSIONS = (".joblib", ".pkl", ".pickle")  # what sklearnserver's load() accepts
INSTALL_HINT = "apt-get install -y python3-sklearn python3-joblib"

try:
    import joblib
    import numpy as np
    import sklearn
except ImportError as missing:
    print(f"check_models.py needs scikit-learn and joblib ({missing}). Install them with: {INSTALL_HINT}",
          file=sys.stderr)
    sys.exit(3)


def check_entry(models_dir: pathlib.Path, entry: dict) -> dict:
    label = f"{entry['tenant']}/{entry['name']} {entry['version']}"
    result = {"model": label, "name": entry["name"], "version": entry["version"], "tenant": entry["tenant"],
              "storagePath": entry["storagePath"], "expected": entry.get("expectedOutput"), "actual": None}
    if not entry["storageUri"].startswith("pvc://"):
        return {**result, "status": "skipped", "reason": f"remote storage {entry['storageUri']}, not checked offline"}
    folder = models_dir / entry["storagePath"]
    files = sorted(p for p in folder.glob("*") if p.is_file() and p.name.endswith(MODEL_EXTENSIONS))
    if len(files) != 1:
        return {**result, "status": "failed",
                "reason": f"{folder} must hold exactly one model file, found {len(files)}"}
    digest = hashlib.sha256(files[0].read_bytes()).hexdigest()
    if digest != entry.get("sha256"):
        return {**result, "status": "failed",
                "reason": f"{files[0]} has SHA-256 {digest}, the catalog expects {entry.get('sha256')}: not loaded "
                          "(restore it, or regenerate artifacts and catalog together with models/generate.py)"}
    model = joblib.load(files[0])
    probe = entry.get("probeInput")
    if not probe:
        return {**result, "status": "failed", "reason": "no probeInput for a local model"}
    as_v1 = [int(c) for c in model.predict(np.asarray(probe, dtype=np.float64))]
    as_v2 = [int(c) for c in model.predict(np.asarray(probe, dtype=np.float32))]
    result["actual"] = as_v1
    if as_v1 != result["expected"] or as_v2 != result["expected"]:
        return {**result, "status": "failed",
                "reason": f"expected {result['expected']}, got {as_v1} (float64) and {as_v2} (float32)"}
    return {**result, "status": "ok", "reason": f"{files[0].name} gives {as_v1} on the probe"}


def version_pairs(results: list, entries: list) -> list:
    """Every two versions of one model, stored apart, must disagree on a shared probe."""
    probes = {(e["tenant"], e["name"], e["version"]): e.get("probeInput") for e in entries}
    checked = [r for r in results if r["actual"] is not None]
    pairs, seen = [], set()
    for a in checked:
        for b in checked:
            key = (a["name"], a["storagePath"], b["storagePath"])
            if a["name"] != b["name"] or a["storagePath"] >= b["storagePath"] or key in seen:
                continue
            if probes[(a["tenant"], a["name"], a["version"])] != probes[(b["tenant"], b["name"], b["version"])]:
                continue
            seen.add(key)
            pairs.append({"name": a["name"], "a": a["version"], "b": b["version"],
                          "aOutput": a["actual"], "bOutput": b["actual"], "differ": a["actual"] != b["actual"]})
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description="Check the catalog's local model artifacts against their probes.")
    parser.add_argument("--json", action="store_true", help="print one JSON document instead of lines")
    parser.add_argument("--catalog", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parent / "catalog.json")
    args = parser.parse_args()
    catalog = args.catalog.resolve()
    try:
        entries = json.loads(catalog.read_text(encoding="utf-8"))["models"]
        results = [check_entry(catalog.parent, e) for e in entries]
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"cannot check {catalog}: {type(error).__name__}: {error}. Fix the catalog or rerun models/generate.py",
              file=sys.stderr)
        return 2
    pairs = version_pairs(results, entries)
    ok = all(r["status"] != "failed" for r in results) and all(p["differ"] for p in pairs) and len(pairs) > 0
    versions = {"python": sys.version.split()[0], "sklearn": sklearn.__version__,
                "joblib": joblib.__version__, "numpy": np.__version__}
    if args.json:
        print(json.dumps({"ok": ok, "versions": versions, "results": results, "versionPairs": pairs}, indent=2))
    else:
        for r in results:
            print(f"{r['status'].upper():8} {r['model']}: {r['reason']}")
        for p in pairs:
            verdict = "differ" if p["differ"] else "SAME (the canary cannot tell them apart)"
            print(f"{'OK' if p['differ'] else 'FAILED':8} {p['name']} {p['a']} {p['aOutput']} vs "
                  f"{p['b']} {p['bOutput']}: {verdict}")
        if not pairs:
            print("FAILED   no two versions of a model share a probe; nothing proves v1 and v2 differ")
        print(f"{'all checks passed' if ok else 'CHECKS FAILED'} ({', '.join(f'{k} {v}' for k, v in versions.items())})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
