"""The mutation run of the judging logic (issue 20): one Stryker.NET run per area of areas.json, then one summary.

Usage: python3 .ci/mutation/mutate.py [area ...]   (from the repository root; .ci/mutation/run is the one command)
Writes TestResults/mutation/<area>/ (Stryker's reports and log) and TestResults/mutation/summary.md; prints per area
killed/total and every surviving mutant (file:line, mutator, original -> replacement), marking the listed equivalents.
Exits 1 when a run fails or the score of the areas run is below the target.
"""
import json, os, subprocess, sys, time
from pathlib import Path

TARGET = 90.0
ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests" / "InferenceBox.Specs.Tests"
OUT = ROOT / "TestResults" / "mutation"
KILLED, LIVE = {"Killed", "Timeout"}, {"Survived", "NoCoverage"}


def stryker_config(area, common):
    config = dict(common)
    config["mutate"] = ["**/" + glob for glob in area["mutate"]]
    config["test-case-filter"] = "|".join(f"FullyQualifiedName~InferenceBox.Specs.Tests.{t}" for t in area["tests"])
    config["concurrency"] = int(os.environ.get("MUTATION_CONCURRENCY", "1"))
    return {"stryker-config": config}


def run(area, common):
    folder = OUT / area["name"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "stryker-config.json").write_text(json.dumps(stryker_config(area, common), indent=2))
    started = time.monotonic()
    with open(folder / "stryker.log", "w") as log:
        # Stryker runs from the test project; INFERENCEBOX_MUTATION lets its analysis see the suite as code under test.
        code = subprocess.call(["dotnet", "stryker", "-f", str(folder / "stryker-config.json"), "-O", str(folder),
                                "--skip-version-check"], cwd=TESTS, stdout=log, stderr=subprocess.STDOUT,
                               env=dict(os.environ, INFERENCEBOX_MUTATION="true"))
    report = folder / "reports" / "mutation-report.json"
    if code != 0 or not report.exists():
        print(f"{area['name']}: Stryker failed (exit {code}); see {folder / 'stryker.log'}")
        return None
    return judge(area, json.loads(report.read_text()), time.monotonic() - started)


def original(source, location):
    lines = source.splitlines()
    start, end = location["start"], location["end"]
    if start["line"] == end["line"]:
        return lines[start["line"] - 1][start["column"] - 1:end["column"] - 1]
    return lines[start["line"] - 1][start["column"] - 1:] + " …"


def judge(area, report, seconds):
    equivalents = {(e["file"], e["original"], e["replacement"]): e["reason"] for e in area.get("equivalent", [])}
    killed = total = timeouts = 0
    survivors = []
    for path, entry in sorted(report["files"].items()):
        file = os.path.relpath(path, ROOT)
        for mutant in entry["mutants"]:
            if mutant["status"] not in KILLED | LIVE:
                continue
            total += 1
            if mutant["status"] in KILLED:
                killed += 1
                timeouts += mutant["status"] == "Timeout"
                continue
            text = original(entry["source"], mutant["location"])
            reason = equivalents.get((file, text.strip(), mutant.get("replacement", "").strip()))
            survivors.append(f"{file}:{mutant['location']['start']['line']} {mutant['mutatorName']}: "
                             f"{short(text)} -> {short(mutant.get('replacement', ''))} [{mutant['status']}]"
                             + (f" EQUIVALENT: {reason}" if reason else ""))
    return {"area": area["name"], "killed": killed, "total": total, "timeouts": timeouts, "survivors": survivors,
            "seconds": round(seconds)}


def short(text, limit=90):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def main(names):
    spec = json.loads((Path(__file__).parent / "areas.json").read_text())
    areas = [a for a in spec["areas"] if not names or a["name"] in names]
    unknown = set(names) - {a["name"] for a in spec["areas"]}
    if unknown:
        sys.exit(f"Unknown area(s) {', '.join(sorted(unknown))}; the areas are: {', '.join(a['name'] for a in spec['areas'])}")
    results, failed = [], False
    for area in areas:
        print(f"==> {area['name']}: mutating {', '.join(area['mutate'])}", flush=True)
        result = run(area, spec["stryker"])
        if result is None:
            failed = True
            continue
        results.append(result)
        print(f"{result['area']}: {result['killed']}/{result['total']} killed ({score(result)}; {result['timeouts']} of them by a "
              f"timeout) in {result['seconds']} s", flush=True)
        for line in result["survivors"]:
            print("  survived: " + line)
    killed, total = sum(r["killed"] for r in results), sum(r["total"] for r in results)
    lines = ["| area | killed / total | of them timeouts | score |", "|---|---|---|---|"]
    lines += [f"| {r['area']} | {r['killed']}/{r['total']} | {r['timeouts']} | {score(r)} |" for r in results]
    lines += [f"| **all** | **{killed}/{total}** | {sum(r['timeouts'] for r in results)} | **{pct(killed, total)}** |", ""]
    lines += [f"- {r['area']}: {s}" for r in results for s in r["survivors"]]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "summary.md").write_text("\n".join(lines) + "\n")
    print(f"Mutation score: {killed}/{total} killed = {pct(killed, total)} (target {TARGET:.0f}%); summary: {OUT / 'summary.md'}")
    below = total == 0 or 100.0 * killed / total < TARGET
    sys.exit(1 if failed or below else 0)


def score(result):
    return pct(result["killed"], result["total"])


def pct(killed, total):
    return f"{100.0 * killed / total:.1f}%" if total else "n/a"


if __name__ == "__main__":
    main(sys.argv[1:])
