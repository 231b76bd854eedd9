"""The mutation run of the judging logic (issue 20): plants each bug of .ci/mutation/mutants.json, runs the tests of its
area against it, and reports which bugs the tests caught (killed) and which they missed (survived).

Usage (from the repository root; .ci/mutation/run is the one command):
    python3 .ci/mutation/mutate.py [area or mutant id ...]     none = every mutant

How: every mutant is written into the source at once, each behind its own switch (mutant schemata, as Stryker does),
so the suite is built ONCE: `(Mutants.Is("statistics-3") ? <replacement> : <original>)`. The tests then run once per
mutant in a process where only that mutant's switch is on (MUTATION_ACTIVE=<id>). The sources are restored afterwards,
whatever happens. Before any mutant runs, every area's tests must pass on the built schemata with no mutant on, or the
run stops: a failing baseline would count every mutant as killed. A mutant whose snippet is missing or not unique in its
file is refused before anything is built, with the file and the count.
Writes TestResults/mutation/summary.md and log/<id>.txt (the test output of each mutant). Exits 1 when the score of
the mutants run is below the target, or the run itself failed.
"""
import json, os, re, shutil, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIST = Path(__file__).with_name("mutants.json")
OUT = ROOT / "TestResults" / "mutation"
# The switch lives in the platform library, the bottom layer: mutants in it and in the specs project (which references
# it) both see it.
SWITCH_FILE = ROOT / "src" / "InferenceBox.Platform" / "MutationSwitch.g.cs"
LIBRARY = "src/InferenceBox.Platform/InferenceBox.Platform.csproj"
LIBRARY_BIN = ROOT / "src" / "InferenceBox.Platform" / "bin" / "Release" / "net10.0"
ASSEMBLIES = ["InferenceBox.Platform", "InferenceBox.Specs"]
MAIN_BIN = ROOT / "bin" / "Release" / "net10.0"
TEST_BIN = ROOT / "tests" / "InferenceBox.Specs.Tests" / "bin" / "Release" / "net10.0"
TEST_DLL = TEST_BIN / "InferenceBox.Specs.Tests.dll"
VARIABLE = "MUTATION_ACTIVE"
NICE = ["nice", "-n", "15"]  # two cores shared with other work
SWITCH = f"""// Written by .ci/mutation/mutate.py for one mutation build and deleted after it; never committed.
namespace InferenceBox.Specs;
public static class Mutants
{{
    private static readonly string? Active = System.Environment.GetEnvironmentVariable("{VARIABLE}");
    public static bool Is(string id) => Active == id;
}}
"""


def fail(message):
    sys.exit(f"mutation run: {message}")


def load(selection):
    spec = json.loads(LIST.read_text())
    areas, mutants = spec["areas"], []
    for area in areas:
        for index, m in enumerate(area["mutants"], 1):
            mutants.append(dict(m, id=f"{area['name']}-{index}", area=area["name"], tests=area["tests"]))
    known = {a["name"] for a in areas} | {m["id"] for m in mutants}
    if unknown := [s for s in selection if s not in known]:
        fail(f"unknown area or mutant {', '.join(unknown)}; the areas are {', '.join(a['name'] for a in areas)}")
    chosen = [m for m in mutants if not selection or m["area"] in selection or m["id"] in selection]
    return spec, chosen


def check_snippets(mutants):
    """Every snippet must occur exactly once in its file, and snippets of one file must not overlap."""
    problems, spans = [], {}
    for m in mutants:
        path = ROOT / m["file"]
        if not path.exists():
            problems.append(f"{m['id']}: no file {m['file']}")
            continue
        text = path.read_text()
        # "in": a longer anchor that is unique in the file, for a snippet (such as `true`) that is not.
        anchor = m.get("in", m["original"])
        if text.count(anchor) != 1 or anchor.count(m["original"]) != 1:
            problems.append(f"{m['id']}: {anchor!r} occurs {text.count(anchor)} times in {m['file']} and must occur once"
                            + ("" if anchor == m["original"] else f", holding {m['original']!r} once"))
            continue
        start = text.index(anchor) + anchor.index(m["original"])
        spans.setdefault(m["file"], []).append((start, start + len(m["original"]), m))
    for file, items in spans.items():
        items.sort(key=lambda s: s[0])
        for (s1, e1, m1), (s2, e2, m2) in zip(items, items[1:]):
            if s2 < e1 and (s1, e1) != (s2, e2):
                problems.append(f"{m1['id']} and {m2['id']} overlap in {file}: make their snippets disjoint or identical")
    if problems:
        fail("the mutant list is invalid:\n  " + "\n  ".join(problems))
    return spans


def schemata(spans):
    """Each file's text with every mutant behind its switch; identical snippets chain their switches."""
    written = {}
    for file, items in spans.items():
        text = (ROOT / file).read_text()
        groups = {}
        for start, end, m in items:
            groups.setdefault((start, end), []).append(m)
        for (start, end), group in sorted(groups.items(), reverse=True):
            original = text[start:end]
            if group[0].get("kind", "expression") == "statement":
                code = original
                for m in reversed(group):
                    code = f"if (global::InferenceBox.Specs.Mutants.Is(\"{m['id']}\")) {{ {m['replacement']} }} else {{ {code} }}"
            else:
                code = f"({original})"
                for m in reversed(group):
                    code = f"(global::InferenceBox.Specs.Mutants.Is(\"{m['id']}\") ? ({m['replacement']}) : {code})"
            text = text[:start] + code + text[end:]
        written[file] = text
    return written


def build(spans):
    originals = {file: (ROOT / file).read_text() for file in spans}
    # The built assemblies are put back after the run, so no bin folder is left holding the mutants.
    backups = {folder / f"{assembly}{ext}": (folder / f"{assembly}{ext}").read_bytes() for folder in [LIBRARY_BIN, MAIN_BIN, TEST_BIN]
               for assembly in ASSEMBLIES for ext in [".dll", ".pdb"] if (folder / f"{assembly}{ext}").exists()}
    try:
        for file, text in schemata(spans).items():
            (ROOT / file).write_text(text)
        SWITCH_FILE.write_text(SWITCH)
        started = time.monotonic()
        log = ""
        # The library first, then the specs project against it (the specs build copies the mutated library beside it).
        for project in [LIBRARY, "InferenceBox.Specs.csproj"]:
            result = subprocess.run(NICE + ["dotnet", "build", project, "-c", "Release", "--no-restore",
                                            "--no-dependencies", "-nologo", "-v", "q", "-p:TreatWarningsAsErrors=false"],
                                    cwd=ROOT, capture_output=True, text=True)
            log += result.stdout + result.stderr
            (OUT / "build.log").write_text(log)
            if result.returncode != 0:
                errors = sorted({l.strip() for l in result.stdout.splitlines() if ": error " in l})
                fail(f"the mutation build of {project} failed (a replacement that does not compile?):\n  " + "\n  ".join(errors[:20]))
        for name in [f"{assembly}{ext}" for assembly in ASSEMBLIES for ext in [".dll", ".pdb"]]:
            shutil.copy2(MAIN_BIN / name, TEST_BIN / name)
        print(f"built the {sum(len(v) for v in spans.values())} mutants into one assembly in {time.monotonic() - started:.0f} s", flush=True)
        return backups
    finally:
        # The sources go back at once: the build is the only step that needs the mutated text.
        for file, text in originals.items():
            (ROOT / file).write_text(text)
        SWITCH_FILE.unlink(missing_ok=True)


def run_tests(tests, mutant_id, timeout):
    """(outcome, seconds, output): 'passed', 'failed' or 'timeout'; the test classes of the area only."""
    args = NICE + ["dotnet", "exec", str(TEST_DLL), "-noLogo", "-noColor", "-stopOnFail"]
    for test in tests:
        args += ["-class", f"InferenceBox.Specs.Tests.{test}"]
    env = {k: v for k, v in os.environ.items() if k != VARIABLE}
    if mutant_id:
        env[VARIABLE] = mutant_id
    started = time.monotonic()
    try:
        result = subprocess.run(args, cwd=TEST_BIN, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as e:
        return "timeout", time.monotonic() - started, (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
    output = result.stdout + result.stderr
    total = re.search(r"Total: (\d+)", output)
    # Only the baseline can tell: with -stopOnFail, a run cancelled by its first failure reports "Total: 0".
    if mutant_id is None and (total is None or int(total.group(1)) == 0):
        fail(f"the tests {', '.join(tests)} ran no test (misspelt class?):\n{output[-2000:]}")
    return ("passed" if result.returncode == 0 else "failed"), time.monotonic() - started, output


def line_of(m):
    text = (ROOT / m["file"]).read_text()
    anchor = m.get("in", m["original"])
    return text[:text.index(anchor) + anchor.index(m["original"])].count("\n") + 1


def main(selection):
    spec, mutants = load(selection)
    if not mutants:
        fail("no mutant selected")
    if SWITCH_FILE.exists():
        fail(f"{SWITCH_FILE.relative_to(ROOT)} exists: an earlier run was killed while the sources held its mutants. "
             "Restore them (git checkout -- Support src/InferenceBox.Platform) and delete that file, then run again.")
    spans = check_snippets(mutants)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "log").mkdir(exist_ok=True)
    lines = {m["id"]: line_of(m) for m in mutants}
    print("building the test project (unmutated), then the suite with every mutant behind its switch", flush=True)
    if subprocess.run(NICE + ["dotnet", "build", "tests/InferenceBox.Specs.Tests", "-c", "Release", "-nologo", "-v", "q"],
                      cwd=ROOT, stdout=subprocess.DEVNULL).returncode != 0:
        fail("the test project does not build unmutated; fix that first")
    backups = build(spans)
    try:
        areas = list(dict.fromkeys(m["area"] for m in mutants))
        tests = {m["area"]: m["tests"] for m in mutants}
        timeouts = {}
        for area in areas:
            outcome, seconds, output = run_tests(tests[area], None, timeout=900)
            if outcome != "passed":
                (OUT / "log" / f"{area}-baseline.txt").write_text(output)
                fail(f"area {area}: its tests do not pass with no mutant on ({outcome}); see {OUT / 'log' / (area + '-baseline.txt')}")
            timeouts[area] = max(120.0, 10 * seconds)
            print(f"baseline {area}: passed in {seconds:.0f} s", flush=True)
        results = []
        for m in mutants:
            outcome, seconds, output = run_tests(m["tests"], m["id"], timeouts[m["area"]])
            (OUT / "log" / f"{m['id']}.txt").write_text(output)
            status = {"failed": "killed", "timeout": "killed (timeout)", "passed": "SURVIVED"}[outcome]
            results.append((m, status))
            print(f"{status:16} {m['id']:34} {m['file']}:{lines[m['id']]}  {m['bug']}  ({seconds:.0f} s)", flush=True)
    finally:
        for path, content in backups.items():
            path.write_bytes(content)
    report(float(spec["target"]), results, lines)


def report(target, results, lines):
    rows = ["| area | killed / total | score |", "|---|---|---|"]
    killed_all = 0
    for area in dict.fromkeys(m["area"] for m, _ in results):
        mine = [s for m, s in results if m["area"] == area]
        killed = sum(s.startswith("killed") for s in mine)
        killed_all += killed
        rows.append(f"| {area} | {killed}/{len(mine)} | {pct(killed, len(mine))} |")
    total = len(results)
    rows.append(f"| **all** | **{killed_all}/{total}** | **{pct(killed_all, total)}** |")
    survivors = [f"- {m['id']} {m['file']}:{lines[m['id']]}: {m['bug']} (`{m['original']}` → `{m['replacement']}`)"
                 + (f" — equivalent: {m['equivalent']}" if m.get("equivalent") else "")
                 for m, s in results if s == "SURVIVED"]
    text = "\n".join(rows + ["", "Survivors:" if survivors else "No survivors."] + survivors) + "\n"
    (OUT / "summary.md").write_text(text)
    print("\n" + text)
    print(f"Mutation score: {killed_all}/{total} killed = {pct(killed_all, total)} (target {target:.0f}%); {OUT / 'summary.md'}")
    sys.exit(0 if total and 100.0 * killed_all / total >= target else 1)


def pct(killed, total):
    return f"{100.0 * killed / total:.1f}%" if total else "n/a"


if __name__ == "__main__":
    main(sys.argv[1:])
