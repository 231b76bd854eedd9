#!/usr/bin/env bash
# README's command 1 for the conformance workflow: TAGS ("smoke", "canary|jwt", or empty) becomes a Category filter.
# Fails when any scenario failed or the run could not start, whatever dotnet test's exit code says.
set -uo pipefail
filter=()
if [[ -n "${TAGS:-}" ]]; then
  IFS='|' read -ra tags <<< "$TAGS"
  expression=""
  for tag in "${tags[@]}"; do
    tag="${tag#@}"; [[ "$tag" =~ ^[a-z0-9-]+$ ]] || { echo "Not a tag: '$tag' (letters, digits and '-' only)"; exit 2; }
    expression+="${expression:+|}Category=$tag"
  done
  filter=(--filter "$expression")
fi
dotnet test InferenceBox.Specs.csproj -c Release --no-build --logger "console;verbosity=normal" "${filter[@]}"
status=$?
report="$INFERENCEBOX_RESULTS_DIR/conformance-report.json"
verdict="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["verdict"])' "$report" 2>/dev/null || echo missing)"
echo "Conformance verdict: $verdict"
[[ "$verdict" == "pass" || "$verdict" == "partial" ]] || status=1
exit $status
