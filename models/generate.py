#!/usr/bin/python3
"""Trains the sklearn-iris artifacts v1 and v2 and (re)writes models/catalog.json.

Run with Debian's interpreter and packages (apt-get install python3-sklearn python3-joblib):
    /usr/bin/python3 models/generate.py                 # rewrites models/ in place
    /usr/bin/python3 models/generate.py --out /tmp/m    # writes the same files elsewhere (to compare)

Deterministic: the iris data ships inside scikit-learn, LogisticRegression with the lbfgs solver has no
randomness, and the catalog is written with sorted, fixed formatting. The probe's expected outputs in the
catalog are whatever the freshly trained models predict, never typed by hand; so are the artifacts' SHA-256 values,
which check_models.py and the provisioner compare before anything unpickles a file.
"""
import argparse
import hashlib
import json
import pathlib
import sys

try:
    import joblib
    import numpy as np
    import sklearn
    from sklearn.datasets import load_iris
    from sklearn.linear_model import LogisticRegression
except ImportError as missing:
    print(f"generate.py needs scikit-learn and joblib ({missing}). "
          "Install them with: apt-get install -y python3-sklearn python3-joblib", file=sys.stderr)
    sys.exit(3)

MODELS_DIR = pathlib.Path(__file__).resolve().parent
ARTIFACT = "model.joblib"

# The documented probe (KServe's iris example input). v1 and v2 must answer it differently.
PROBE = [[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6]]

# v2 is trained on relabelled targets (class k becomes V2_LABELS[k]): every input gets a different class
# than from v1, so one response tells which revision served it. A canary marker, not a better model.
V2_LABELS = np.array([2, 0, 1])

# tenant -> the sklearn-iris versions it serves from the shared artifacts (the brief's contract).
SKLEARN_TENANTS = [("tenant-a", "v1"), ("tenant-a", "v2"), ("tenant-b", "v1"), ("tenant-c", "v1")]

# Heavy opt-in extras from the seed project: public storage (needs egress), not checked offline.
# URIs and runtimes as KServe's docs give them; see models/README.md for what is and is not known.
EXTRAS = [
    {
        "name": "torchserve-mnist", "version": "v1", "tenant": "tenant-a", "runtime": "kserve-torchserve",
        "modelFormat": "pytorch", "protocols": ["v1"], "storagePath": "torchserve/image_classifier/v1",
        "storageUri": "gs://kfserving-examples/models/torchserve/image_classifier/v1", "default": False,
        "servedModelName": "mnist", "probeInput": None, "expectedOutput": None,
        "probeNote": "V1 POST /v1/models/mnist:predict with a base64 PNG of a handwritten digit "
                     "(KServe docs: mnist.json made by docs/samples/v1beta1/torchserve/v1/imgconv); "
                     "the docs show {\"predictions\": [\"2\"]}. Input not vendored; not verified offline.",
    },
    {
        "name": "tensorflow-flowers", "version": "v1", "tenant": "tenant-a", "runtime": "kserve-tensorflow-serving",
        "modelFormat": "tensorflow", "protocols": ["v1"], "storagePath": "tensorflow/flowers",
        "storageUri": "gs://kfserving-examples/models/tensorflow/flowers", "default": False,
        "servedModelName": None, "probeInput": None, "expectedOutput": None,
        "probeNote": "V1 POST /v1/models/tensorflow-flowers:predict with KServe's flowers input.json "
                     "({\"instances\":[{\"image_bytes\":{\"b64\":...},\"key\":\"   1\"}]}); the docs show "
                     "prediction 0 with score ~0.999. Input not vendored; not verified offline.",
    },
]


def train(version: str) -> LogisticRegression:
    features, labels = load_iris(return_X_y=True)
    if version == "v2":
        labels = V2_LABELS[labels]
    # LogisticRegression pickles as plain numpy arrays (coef_, intercept_, classes_), which load across
    # scikit-learn 1.2 (Debian) .. 1.5 (KServe's sklearnserver); see README "Why LogisticRegression".
    return LogisticRegression(max_iter=1000, random_state=0).fit(features, labels)


def write_artifact(out_dir: pathlib.Path, version: str, model: LogisticRegression) -> pathlib.Path:
    folder = out_dir / "sklearn-iris" / version
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ARTIFACT
    # Protocol 4: readable by every Python 3.8+; no compression keeps the bytes reproducible.
    joblib.dump(model, path, protocol=4)
    return path


def sklearn_entry(tenant: str, version: str, predictions: list, sha256: str) -> dict:
    return {
        "name": "sklearn-iris", "version": version, "tenant": tenant, "runtime": "kserve-sklearnserver",
        "modelFormat": "sklearn", "protocols": ["v1", "v2"], "storagePath": f"sklearn-iris/{version}",
        "storageUri": f"pvc://models/sklearn-iris/{version}", "sha256": sha256, "default": True,
        "probeInput": PROBE, "expectedOutput": predictions,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="Train sklearn-iris v1/v2 and write the artifacts and catalog.json.")
    parser.add_argument("--out", type=pathlib.Path, default=MODELS_DIR, help="folder to write into (default: models/)")
    out_dir = parser.parse_args().out.resolve()
    catalog = out_dir / "catalog.json"
    predictions, digests = {}, {}
    for version in ("v1", "v2"):
        model = train(version)
        path = write_artifact(out_dir, version, model)
        # The catalog vouches for these exact bytes: check_models.py and the provisioner compare before loading.
        digests[version] = hashlib.sha256(path.read_bytes()).hexdigest()
        # Predict with the model loaded back from disk: that is what the server will see.
        predictions[version] = [int(c) for c in joblib.load(path).predict(np.array(PROBE))]
        print(f"sklearn-iris {version}: {path} "
              f"({path.stat().st_size} bytes), probe -> {predictions[version]}")
    if predictions["v1"] == predictions["v2"]:
        print("v1 and v2 give the same classes on the probe; the canary could not tell them apart", file=sys.stderr)
        return 1
    models = [sklearn_entry(t, v, predictions[v], digests[v]) for t, v in SKLEARN_TENANTS] + EXTRAS
    catalog.write_text(json.dumps({"models": models}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {catalog} ({len(models)} models) "
          f"with scikit-learn {sklearn.__version__}, joblib {joblib.__version__}, numpy {np.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
