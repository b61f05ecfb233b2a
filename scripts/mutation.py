"""Mutation testing of numsearch's pure and safety-critical modules, with mutmut.

    pip install -e '.[test,mutation]'
    python scripts/mutation.py                  # the default round (see DEFAULT_ROUND)
    python scripts/mutation.py query output     # some modules only
    python scripts/mutation.py api purchase vanity
    python scripts/mutation.py vanity words number_layout memorability
    python scripts/mutation.py --list           # the modules and the tests run for each

Each module is mutated in its own working copy, `build/mutation/<module>/`, and only its
test files run (TARGETS below).
The script prints killed / timeout / survived per module and overall, and writes
`mutation/last-run.md` (and `last-run.json`, which later runs of other modules merge
into). A survivor listed in `mutation/equivalent.md` with the same diff counts as
equivalent; any other survivor is printed with its diff and the exit status is 1.
Not run in CI (minutes, not seconds): run it when one of these modules changes.

Why mutmut (3.x) rather than cosmic-ray: mutmut forks each mutant's worker from a
process that has already imported pytest and the suite, records which tests call each
function, and runs only those (stopping at the first failure), so a mutant costs a
fraction of a second instead of a fresh pytest start; its time limit is CPU time, so a
busy shared machine does not turn slow tests into false timeouts; and the suite's
addopts (--record-mode=none --block-network) work as they are. It reads its settings
only from the working directory's pyproject.toml and mutates into `mutants/` beside
it, hence one working copy per module with a generated [tool.mutmut] section: the
module list stays an argument and the project's pyproject.toml carries no mutmut
settings. cosmic-ray was not needed. Its limits: mutmut 3 mutates code inside
functions only, so module-level tables (KEYPAD, PURCHASE_FIELDS, regexes) are not
mutated, nor are functions with a decorator other than @staticmethod/@classmethod
(@cache, @property, @contextmanager: last-run.md lists them per module); and code run
in a subprocess (`python -m numsearch ...` in a few tests) is the unmutated original.
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "mutation"
REPORT_DIR = ROOT / "mutation"
EQUIVALENT = REPORT_DIR / "equivalent.md"
LAST_RUN_MD = REPORT_DIR / "last-run.md"
LAST_RUN_JSON = REPORT_DIR / "last-run.json"
# What the tests read besides numsearch/ and tests/ (tests.support.REPO is the copy's root).
ALSO_COPY = ("spec", "README.md", "docs", "completions", "scripts")
PLUGIN = Path("mutation_fresh_caches.py")
PLUGIN_SOURCE = '''"""Written by scripts/mutation.py: each test starts with numsearch's functools
caches empty, as each run of numsearch does."""

import sys


def pytest_runtest_setup(item: object) -> None:
    for name, module in list(sys.modules.items()):
        if name == "numsearch" or name.startswith("numsearch."):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()
'''


@dataclass(frozen=True)
class Target:
    """One module to mutate: its file, the test files that exercise it, and, when only
    part of the file is in scope, globs over mutmut's mutant names."""

    source: str
    tests: tuple[str, ...]
    functions: tuple[str, ...] = ()
    note: str = ""


def mutant_globs(*functions: str) -> tuple[str, ...]:
    """mutmut's names for the mutants of these functions (`Class.method` for a method)."""
    globs = []
    for name in functions:
        cls, _, method = name.rpartition(".")
        globs.append(f"*.xǁ{cls}ǁ{method}__mutmut_*" if cls else f"*.x_{name}__mutmut_*")
    return tuple(globs)


def function_of(glob: str) -> str:
    """The function a glob of `mutant_globs` names: `TwilioClient._json`, `_clip`."""
    name = glob.removeprefix("*.x").removesuffix("__mutmut_*")
    return name.strip("ǁ").replace("ǁ", ".") if name.startswith("ǁ") else name[1:]


# The transport's and the endpoints' error handling is killed by the same tests.
API_TESTS = (
    "test_error_messages.py",
    "test_status_rules.py",
    "test_faults.py",
    "test_hostile_server.py",
    "test_config.py",
    "test_buy.py",
    "test_purchase_truth.py",
    "test_manage.py",
    "test_terminal_safety.py",
    "test_countries.py",
    "test_subaccounts.py",
)

# The vanity tests by behaviour: all of tests/vanity/ but the evaluation list, which
# reads benchmarks/ (not copied). They exercise the parser and keypad through spelling.
VANITY_TESTS = tuple(
    f"vanity/test_{name}.py"
    for name in (
        "keypad",
        "command",
        "spelling",
        "scoring",
        "phrases",
        "word_index",
        "blocked_words",
        "memorability",
        "number_layout",
        "marking",
        "names_digits_and_chains",
    )
)

TARGETS: dict[str, Target] = {
    "query": Target(
        "numsearch/query.py",
        ("test_query.py", "test_search_cli.py", "test_usage.py", "test_sandbox.py"),
    ),
    "numbering": Target(
        "numsearch/numbering.py",
        (
            "test_numbering.py",
            "test_query.py",
            *VANITY_TESTS,
            "test_sandbox.py",
            "test_search_cli.py",
        ),
    ),
    "keypad": Target("numsearch/keypad.py", (*VANITY_TESTS, "test_query.py", "test_sandbox.py")),
    "output": Target(
        "numsearch/output.py",
        (
            "test_models_output.py",
            "test_terminal_safety.py",
            "test_search_cli.py",
            "test_twilio_cli_habits.py",
        ),
    ),
    "tracking": Target(
        "numsearch/tracking.py", ("test_seen_numbers_and_hooks.py", "test_watch.py")
    ),
    "state": Target(
        "numsearch/state.py", ("test_state_files.py", "test_watch.py", "test_sandbox.py")
    ),
    "purchase_fields": Target(
        "numsearch/purchase_fields.py", ("test_purchase_form.py", "test_buy.py")
    ),
    "api": Target(
        "numsearch/api.py",
        API_TESTS,
        functions=mutant_globs("_records", "_record", "_next_page"),
        note="its checks of an answer's records and next page (the endpoints are driven by"
        " the fault and contract tests)",
    ),
    "transport": Target(
        "numsearch/transport.py",
        API_TESTS,
        functions=mutant_globs("HttpClient._raise_for_status", "HttpClient._json"),
        note=(
            "its error handling only: the status mapping and the checks of an answer's JSON."
            " The rest of the file (session, retries, deadlines, debug logging) is plumbing"
            " that the fault tests drive through real sockets, at tens of seconds a mutant"
        ),
    ),
    "http_failures": Target("numsearch/http_failures.py", API_TESTS),
    "purchase": Target(
        "numsearch/purchase.py",
        (
            "test_buying_safely.py",
            "test_buy.py",
            "test_purchase_truth.py",
            "test_hostile_server.py",
            "test_subaccounts.py",
            "test_bulk_buy.py",
            "test_buy_readiness.py",
        ),
    ),
    # vanity.py and the three modules split from it: each against all the vanity tests.
    "vanity": Target("numsearch/vanity.py", VANITY_TESTS),
    "words": Target("numsearch/words.py", VANITY_TESTS),
    "number_layout": Target("numsearch/number_layout.py", VANITY_TESTS),
    "memorability": Target("numsearch/memorability.py", VANITY_TESTS),
}
DEFAULT_ROUND = ("query", "numbering", "keypad", "output", "tracking", "state", "purchase_fields")

# mutmut's exit codes per mutant (mutmut/stats.py), folded into what we report.
STATUS_BY_CODE: dict[int | None, str] = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
    36: "timeout",
    24: "timeout",
    -24: "timeout",
    152: "timeout",
    255: "timeout",
    34: "skipped",
    37: "killed",  # caught by a type check (none configured here)
    None: "not checked",
}


def tests_for(target: Target) -> list[str]:
    """The target's test files."""
    return [f"tests/{name}" for name in target.tests]


def mutmut_section(target: Target) -> str:
    """The [tool.mutmut] settings of one module's working copy."""
    settings = {
        "source_paths": ["numsearch"],
        "only_mutate": [target.source],
        "pytest_add_cli_args_test_selection": tests_for(target),
        "also_copy": [*ALSO_COPY, PLUGIN.name],
        # The working copy sits inside this git worktree; change detection would
        # compare against the project's history, not the copy's. Runs start afresh.
        "use_git_change_detection": False,
        # mutmut runs every test in one process and forks each mutant from it, so
        # numsearch's functools caches (numbering.national_length, the sandbox's
        # examples) would carry unmutated answers from test to test and into the
        # mutants, and code behind them would go untested: this plugin empties them
        # before each test. (process_isolation = "forkserver" helps only the second
        # half, and takes twice as long: every mutant imports the CLI afresh.)
        "pytest_add_cli_args": ["-p", PLUGIN.stem],
    }
    lines = [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    return "\n[tool.mutmut]\n" + "\n".join(lines) + "\n"


def prepare(module: str, target: Target, *, keep: bool) -> Path:
    """A working copy of the project for one module, with its mutmut settings."""
    work = WORK / module
    if work.exists() and not keep:
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis", ".pytest_cache")
    for name in ("numsearch", "tests", *ALSO_COPY):
        source = ROOT / name
        if source.is_dir():
            # copy2 keeps mtimes: mutmut tells an unmutated copy by its source's mtime.
            shutil.copytree(source, work / name, ignore=ignore, dirs_exist_ok=True)
        else:
            shutil.copy2(source, work / name)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    if "[tool.mutmut]" in pyproject:
        sys.exit("pyproject.toml has a [tool.mutmut] section: this script writes its own")
    (work / "pyproject.toml").write_text(pyproject + mutmut_section(target), encoding="utf-8")
    (work / PLUGIN).write_text(PLUGIN_SOURCE, encoding="utf-8")
    return work


def run_mutmut(work: Path, target: Target, jobs: int) -> float:
    """Run mutmut in `work` (niced: the machine is shared), its output in mutmut.log;
    returns the seconds it took."""
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs)]
    command += list(target.functions)
    start = time.monotonic()
    with (work / "mutmut.log").open("w", encoding="utf-8") as log:
        done = subprocess.run(
            command,
            cwd=work,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
            preexec_fn=lambda: os.nice(10),  # POSIX only, like mutmut
        )
    if done.returncode != 0:
        tail = (work / "mutmut.log").read_text(encoding="utf-8", errors="replace")[-3000:]
        sys.exit(f"mutmut failed in {work} (exit {done.returncode}):\n{tail}")
    return time.monotonic() - start


def results(work: Path, target: Target) -> dict[str, str]:
    """Mutant name -> status, for the mutants in scope."""
    meta = work / "mutants" / (target.source + ".meta")
    codes: dict[str, int | None] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    statuses = {}
    for name, code in codes.items():
        if target.functions and not any(fnmatch.fnmatch(name, g) for g in target.functions):
            continue
        statuses[name] = STATUS_BY_CODE.get(code, "suspicious")
    return statuses


def mutant_diff(work: Path, name: str) -> str:
    """The mutant's unified diff, as `mutmut show` prints it."""
    shown = subprocess.run(
        [sys.executable, "-m", "mutmut", "show", name],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return "\n".join(line for line in shown.splitlines() if not line.startswith("# "))


def changed_lines(diff: str) -> list[str]:
    """The removed and added lines of a diff, whitespace-trimmed: what identifies a
    mutant across runs (its number changes when its function does)."""
    return [
        line[0] + line[1:].strip()
        for line in diff.splitlines()
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]


def equivalent_mutants() -> dict[str, list[str]]:
    """`mutation/equivalent.md`: mutant name -> the changed lines of its recorded diff."""
    if not EQUIVALENT.is_file():
        return {}
    text = EQUIVALENT.read_text(encoding="utf-8")
    found = {}
    for match in re.finditer(r"^### (\S+)\n+```diff\n(.*?)```", text, re.S | re.M):
        found[match.group(1)] = changed_lines(match.group(2))
    return found


def judge(module: str, work: Path, target: Target, seconds: float) -> dict[str, Any]:
    """Counts for one module, and each survivor's diff with whether it is a listed
    equivalent (a listed name whose diff no longer matches is reported as stale)."""
    statuses = results(work, target)
    listed = equivalent_mutants()
    counts = {s: 0 for s in ("killed", "timeout", "equivalent", "survived", "no tests")}
    unexplained = []
    for name, status in sorted(statuses.items(), key=lambda item: _natural(item[0])):
        if status in ("killed", "timeout"):
            counts[status] += 1
            continue
        if status == "skipped":
            continue
        diff = mutant_diff(work, name)
        if name in listed and listed[name] == changed_lines(diff):
            counts["equivalent"] += 1
            continue
        counts["no tests" if status == "no tests" else "survived"] += 1
        stale = " (listed in equivalent.md with another diff: recheck)" if name in listed else ""
        unexplained.append({"name": name, "status": status + stale, "diff": diff})
    total = sum(counts.values())
    return {
        "module": module,
        "source": target.source,
        "note": target.note,
        "tests": tests_for(target),
        "not_mutated": [] if target.functions else not_mutated(target),
        "only": [function_of(glob) for glob in target.functions],
        "seconds": round(seconds),
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _commit(),
        "total": total,
        **counts,
        "unexplained": unexplained,
    }


def not_mutated(target: Target) -> list[str]:
    """The functions of the module that mutmut leaves alone: those with a decorator
    other than @staticmethod or @classmethod (@cache, @property, @contextmanager)."""
    tree = ast.parse((ROOT / target.source).read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for child in node.body:
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                    child.name = f"{node.name}.{child.name}"
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
            not (isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod"))
            for d in node.decorator_list
        ):
            names.append(node.name)
    return sorted(names)


def _natural(name: str) -> tuple[str, int]:
    head, _, number = name.rpartition("_")
    return head, int(number) if number.isdigit() else 0


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    dirty = git("status", "--porcelain", "--", "numsearch", "tests")
    return git("rev-parse", "--short", "HEAD") + (" + uncommitted changes" if dirty else "")


def score(row: dict[str, Any]) -> str:
    """Killed (and timed out) over all mutants, and over those not equivalent."""
    caught = row["killed"] + row["timeout"]
    total, real = row["total"], row["total"] - row["equivalent"]
    plain = f"{caught}/{total} = {100 * caught / total:.0f}%" if total else "no mutants"
    return plain + (f"; {100 * caught / real:.0f}% of non-equivalent" if real else "")


def render(rows: dict[str, dict[str, Any]], mutmut_version: str) -> str:
    """mutation/last-run.md."""
    out = [
        "# Last mutation run",
        "",
        "Written by `python scripts/mutation.py` (see its docstring); each module's row is",
        "from its own most recent run. Equivalent mutants are listed, with why, in",
        f"`equivalent.md`. mutmut {mutmut_version}.",
        "",
        "| module | mutants | killed | timeout | equivalent | survived | no tests | score"
        " (killed / mutants) | run time | when, commit |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for module in sorted(rows):
        r = rows[module]
        out.append(
            f"| {module} | {r['total']} | {r['killed']} | {r['timeout']} | {r['equivalent']}"
            f" | {r['survived']} | {r['no tests']} | {score(r)} | {r['seconds']} s"
            f" | {r['when']}, {r['commit']} |"
        )
    out += ["", "## What ran", ""]
    for module in sorted(rows):
        r = rows[module]
        note = f" ({r['note']})" if r.get("note") else ""
        out.append(f"- **{module}**: `{r['source']}`{note} against {', '.join(r['tests'])}")
        if r.get("only"):
            only = ", ".join(f"`{name}`" for name in r["only"])
            out.append(f"  (these functions only: {only})")
        if r.get("not_mutated"):
            skipped = ", ".join(f"`{name}`" for name in r["not_mutated"])
            out.append(f"  (decorated, so not mutated by mutmut: {skipped})")
    survivors = [(m, s) for m in sorted(rows) for s in rows[m]["unexplained"]]
    out += ["", "## Survivors not yet explained", ""]
    if not survivors:
        out.append("None: every survivor is in `equivalent.md`.")
    for module, s in survivors:
        out += [f"### {s['name']} ({module}: {s['status']})", "", "```diff", s["diff"], "```", ""]
    return "\n".join(out).rstrip() + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help=f"default: {' '.join(DEFAULT_ROUND)}")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument(
        "--keep", action="store_true", help="reuse build/mutation/<module> (mutmut's cache)"
    )
    parser.add_argument("--list", action="store_true", help="list the modules and their tests")
    args = parser.parse_args()
    if args.list:
        for module, target in TARGETS.items():
            print(f"{module:16} {target.source:28} {' '.join(tests_for(target))}")
        return 0
    modules = args.modules or list(DEFAULT_ROUND)
    unknown = [m for m in modules if m not in TARGETS]
    if unknown:
        parser.error(f"unknown module {unknown[0]!r}; known: {', '.join(TARGETS)}")

    from importlib.metadata import version

    rows: dict[str, dict[str, Any]] = {}
    if LAST_RUN_JSON.is_file():
        rows = json.loads(LAST_RUN_JSON.read_text(encoding="utf-8"))
    started = time.monotonic()
    for module in modules:
        target = TARGETS[module]
        print(f"{module}: mutating {target.source} against {' '.join(tests_for(target))}")
        work = prepare(module, target, keep=args.keep)
        seconds = run_mutmut(work, target, args.jobs)
        row = judge(module, work, target, seconds)
        rows[module] = row
        print(
            f"  {row['total']} mutants: {row['killed']} killed, {row['timeout']} timeout,"
            f" {row['equivalent']} equivalent, {row['survived']} survived,"
            f" {row['no tests']} no tests; {score(row)} ({row['seconds']} s)"
        )
    elapsed = time.monotonic() - started

    REPORT_DIR.mkdir(exist_ok=True)
    LAST_RUN_JSON.write_text(json.dumps(rows, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    LAST_RUN_MD.write_text(render(rows, version("mutmut")), encoding="utf-8")

    ran = [rows[m] for m in modules]
    overall = {k: sum(r[k] for r in ran) for k in ("total", "killed", "timeout", "equivalent")}
    print(f"overall ({len(ran)} modules, {elapsed / 60:.1f} min): {score(overall)}")
    survivors = [s for r in ran for s in r["unexplained"]]
    for s in survivors:
        print(f"\n{s['name']}: {s['status']}\n{s['diff']}")
    print(f"\nwrote {LAST_RUN_MD.relative_to(ROOT)}")
    return 1 if survivors else 0


if __name__ == "__main__":
    raise SystemExit(main())
