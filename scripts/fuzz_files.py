"""Hostile incident files that verify: every read command must answer with a clean message, never a
traceback, and must not put a raw control character on the terminal or a live script in a document.

    python scripts/fuzz_files.py [--files 1100] [--seed 0] [--jobs 2] [--keep DIR] [--checkout DIR]
    python scripts/fuzz_files.py --replay FILE…   (every command on kept files, each problem in full)

It builds a few rich incidents (a real one with evidence, estimates, notes and exports; a merged one;
exercise runs), then makes `--files` variants of them: one to three records get hostile contents (a
time in the year 1 or 9999, a TOML local time or date where a time or a text belongs, a missing or
extra key, a text with terminal escapes, bidi overrides, line breaks, markup, 100,000 characters, a
number as text, one kind's payload under another kind), and the chain is hashed again so that the file
verifies. Every read command runs on every file (in this process, one forked worker per file), and the
run counts:

- tracebacks: an exception that escapes `rouei` (a user would see a traceback and exit 1);
- raw escapes: a control or bidi character on stdout or stderr (JSON output included);
- documents: a control character in a Markdown or text export, a script or `javascript:` link in HTML
  or Markdown, a Word file that was not written.

`--checkout DIR` runs another checkout of rouei (e.g. a `git worktree` of main) with this Python.
`tests/store/test_fuzz_records.py` runs a small slice of the same generator under hypothesis.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import io
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
import zipfile
from datetime import date, datetime, time as dtime, timedelta, timezone
from pathlib import Path
from typing import Any

# ---- hostile values ------------------------------------------------------------------------------

HOSTILE_TEXTS = [
    "\x1b]52;c;cHduZWQ=\x07",  # OSC 52: write the clipboard
    "\x1b]0;PWNED\x07",  # retitle the terminal
    "\x1b[2J\x1b[H",  # clear the screen
    "\x1b[31mred\x1b[0m", "\x9b31m", "\x07\x08\x7f",
    "行1\r\n│ 99 │ 2026-11-20 10:00 JST │ 社長 │ 報告不要", "a\rb", "\u2028\u2029\x85",
    "\u202eevil\u202c", "\u2066x\u2069", "\ufeff\u200b", "\x00",
    "[bold]x[/]", "[link=javascript:alert(1)]click[/link]", "[/]",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "](javascript:alert(1))",
    "[x](javascript:alert(1))", "javascript:alert(1)", "{title}{0}%s", "",
    "   ", "田中 090-1234-5678", "4111 1111 1111 1111", "x" * 100_000,
]
JST = timezone(timedelta(hours=9))
TIMES = [
    datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=10))), datetime(1, 1, 1, tzinfo=timezone.utc),
    datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-10))),
    datetime(1888, 1, 1, tzinfo=JST), datetime(2026, 11, 20, 10, 0, tzinfo=timezone(timedelta(hours=-12))),
]
OTHER_VALUES = [
    datetime(2026, 11, 20, 10, 0), date(2026, 11, 20), date(1, 1, 1), dtime(10, 0), dtime(23, 59, 59, 999999),
    0, -1, 2**63 - 1, -(2**63), 1.5, float("inf"), float("-inf"), True, False, [], {}, ["a", 1],
    {"a": {"b": [1, {"c": "d"}]}}, "3", "0", "-5", "2026-11-20T10:00:00+09:00", "unknown", "yes",
]


def hostile_value(rng: random.Random) -> Any:
    pick = rng.random()
    if pick < 0.4:
        return rng.choice(HOSTILE_TEXTS)
    if pick < 0.55:
        return rng.choice(TIMES)
    return rng.choice(OTHER_VALUES)


# ---- mutating a history --------------------------------------------------------------------------

def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place inside a payload (dict keys and list indexes), depth first."""
    out = []
    if isinstance(value, dict):
        for key, item in value.items():
            out.append(prefix + (key,))
            out += _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value[:20]):
            out.append(prefix + (i,))
            out += _paths(item, prefix + (i,))
    return out


def _parent(data: Any, path: tuple) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


def mutate(events: list[dict], rng: random.Random) -> list[str]:
    """Give one to three records hostile contents in place; returns what was done (for the report)."""
    done = []
    kinds = sorted({e["kind"] for e in events})
    for _ in range(rng.randint(1, 3)):
        n = rng.randrange(len(events))
        event = events[n]
        action = rng.choice(["value", "value", "value", "delete", "add", "at", "by", "role", "kind", "swap"])
        data = event.setdefault("data", {})
        places = _paths(data)
        if action in ("value", "delete") and places:
            path = rng.choice(places)
            holder = _parent(data, path)
            if action == "delete":
                del holder[path[-1]]
            else:
                holder[path[-1]] = hostile_value(rng)
            done.append(f"{action} {event['kind']}.{'.'.join(map(str, path))}")
        elif action == "add" or (action in ("value", "delete") and not places):
            data[rng.choice(["text", "note", "title", "reason", "x", "fact", "value", "seed", "real_at"])] = \
                hostile_value(rng)
            done.append(f"add {event['kind']}")
        elif action == "at":
            event["at"] = rng.choice(TIMES)
            done.append(f"at {event['kind']}")
        elif action in ("by", "role"):
            text = rng.choice(HOSTILE_TEXTS)
            event[action] = text if action == "role" or text.strip() else text + "x"
            done.append(f"{action} {event['kind']}")
        elif action == "kind" and n:
            event["kind"] = rng.choice(kinds)
            done.append(f"kind -> {event['kind']}")
        elif action == "swap" and n:
            event["data"] = json.loads(json.dumps(rng.choice(events)["data"], default=str))
            done.append(f"swap {event['kind']}")
    return done


def rehash(events: list[dict], written_heads: list[str] | None) -> tuple[list[dict], list[str] | None]:
    """The same history with every id computed anew (parents and written heads follow)."""
    from wizard.store.chain import fingerprint_of
    from wizard.store.events import event_id

    new: dict[str, str] = {}
    for event in events:
        old_parents, event["parents"] = event["parents"], [new.get(p, p) for p in event["parents"]]
        data = event.get("data")
        exported = event["kind"] == "export" and isinstance(data, dict)
        if exported and data.get("fingerprint") == fingerprint_of(old_parents):
            data["fingerprint"] = fingerprint_of(event["parents"])  # an export's fingerprint follows its parents
        old = event["id"]
        event["id"] = event_id(tuple(event["parents"]), event["at"], event["by"], event.get("role", ""),
                               event["kind"], event["data"])
        new[old] = event["id"]
    return events, [new.get(h, h) for h in written_heads] if written_heads else None


def hand_made(path: Path, kind: str, data: dict, *, by: str = "誰か", role: str = "",
              at: datetime | None = None) -> None:
    """Append a record to an incident file as a hand or another program would: hashed so that the file
    verifies, but not checked by rouei."""
    import tomllib

    from wizard.store.events import event_id
    from wizard.store.files import render

    last = tomllib.loads(path.read_text(encoding="utf-8"))["events"][-1]
    at = at or last["at"]
    table = {"id": event_id((last["id"],), at, by, role, kind, data), "parents": [last["id"]], "at": at, "by": by,
             "role": role, "kind": kind, "data": data}
    with path.open("a", encoding="utf-8") as file:
        file.write("\n" + render([table])[0])


def rewritten(text: str, change) -> str:
    """An incident's text with `change(events)` made to its records (tables as TOML reads them), hashed
    anew so that it verifies."""
    import tomllib

    from wizard.store.files import document, render

    raw = tomllib.loads(text)
    change(raw["events"])
    events, heads = rehash(raw["events"], raw.get("written_heads"))
    return document(render(events), heads)


def rewrite(path: Path, change) -> None:
    """`rewritten` in place: a file received from someone else, edited by hand or by another program."""
    path.write_text(rewritten(path.read_text(encoding="utf-8"), change), encoding="utf-8")


def hostile_file(seed_text: str, rng: random.Random) -> tuple[str, list[str]]:
    """A seed incident with hostile record contents, hashed anew so that it verifies."""
    done: list[str] = []
    return rewritten(seed_text, lambda events: done.extend(mutate(events, rng))), done


# ---- the seeds -----------------------------------------------------------------------------------

def build_seeds(folder: Path) -> dict[str, str]:
    """Incidents of every sort, made through the command line as users make them: name -> TOML text."""
    from wizard.cli import main
    from wizard.clock import now
    from wizard.store import Incident, Responder

    folder.mkdir(parents=True, exist_ok=True)
    aware = (now() - timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    real = folder / "real.toml"
    evidence = folder / "evidence"
    (evidence / "logs").mkdir(parents=True, exist_ok=True)
    (evidence / "logs" / "access.log").write_text("GET /\n", encoding="utf-8")
    (evidence / "mail.eml").write_text("Subject: x\n", encoding="utf-8")
    quiet = contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO())
    with quiet[0], quiet[1]:
        steps = [
            ["new", "--no-open", "-o", str(real), "--by", "山田", "--role", "情報システム", "--title", "誤送信"],
            ["answer", str(real), f"aware_at={aware}", "data=name,email,card_number", "affected_max=1200",
             "cause=misdelivery", "encryption=none", "eu_residents=unknown", "--by", "佐藤"],
            ["evidence", "add", str(real), str(evidence / "logs"), str(evidence / "mail.eml"), "--by", "山田",
             "--location", "金庫A", "--note", "原本"],
            ["estimate", str(real), "enisa.dpc=3", "--reason", "名簿", "--by", "山田"],
            ["export", str(real), "--format", "md", "-o", str(folder / "out-md"), "--by", "山田"],
        ]
        for step in steps:
            assert main(step) in (0, 1), step
        item = re.search(r"E-[0-9a-f]{6}", real.read_text(encoding="utf-8")).group()
        for step in (["evidence", "transfer", str(real), item, "--to", "鈴木", "--reason", "解析", "--by", "山田"],
                     ["evidence", "verify", str(real), "--by", "鈴木"]):
            assert main(step) in (0, 1), step
        who = Responder("佐藤", "総務")
        with Incident.open_for_writing(real, who) as incident:
            incident.note("先方に連絡済み\n返信なし", who)
            incident.tick("escalate", who, note="済")
            incident.handover("鈴木", who, note="夜間")
        seeds = {"real": real.read_text(encoding="utf-8")}

        copy_a, copy_b, merged = folder / "a.toml", folder / "b.toml", folder / "merged.toml"
        shutil.copy(real, copy_a)
        shutil.copy(real, copy_b)
        assert main(["answer", str(copy_a), "affected_max=6000", "--by", "佐藤"]) == 0
        assert main(["answer", str(copy_b), "affected_max=7000", "cause=loss", "--by", "鈴木"]) == 0
        assert main(["merge", str(copy_a), str(copy_b), "-o", str(merged), "--by", "山田"]) == 0
        seeds["merged"] = merged.read_text(encoding="utf-8")

        for scenario, speed in (("ransomware_friday", "60"), ("payroll_processor", None)):
            path = folder / f"{scenario}.toml"
            pace = ["--speed", speed] if speed else ["--manual"]
            assert main(["exercise", "start", scenario, "-o", str(path), "--no-open", "--by", "山田", *pace]) == 0
            for step in (["exercise", "inject", str(path), "--next", "--by", "山田"],
                         ["exercise", "clock", str(path), "--advance", "30", "--by", "山田"],
                         ["exercise", "clock", str(path), "--pause", "--by", "山田"],
                         ["exercise", "tick", str(path), "escalate", "--by", "佐藤"],
                         ["answer", str(path), "affected_max=150", "--by", "佐藤"],
                         ["exercise", "inject", str(path), "--next", "--by", "山田"]):
                assert main(step) == 0, step
            seeds[scenario] = path.read_text(encoding="utf-8")
    return seeds


# ---- running the commands ------------------------------------------------------------------------

def commands(path: Path, out: Path, seed: Path, item: str) -> list[list[str]]:
    """Every command that reads an incident, as a user would run it."""
    p = str(path)
    return [
        ["assess", p], ["assess", p, "--json"], ["assess", p, "--lang", "en"],
        ["log", p], ["log", p, "--brief"], ["log", p, "--since", "2026-01-01"], ["verify", p],
        *[["export", p, "--format", fmt, "-o", str(out / fmt), "--by", "検査"]
          for fmt in ("md", "html", "txt", "json", "ics", "docx")],
        ["evidence", "list", p], ["evidence", "show", p, item], ["evidence", "verify", p, "--by", "検査"],
        ["estimate", p], ["estimate", p, "--json"],
        ["merge", p, str(seed), "-o", str(out / "merged.toml"), "--by", "検査"],
        ["exercise", "report", p, "--format", "md"],
    ]


_RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# Markdown: a link or autolink to a script, or raw HTML that runs one (unless escaped with "\\").
_LIVE_MD = re.compile(r"(?<!\\)\[(?:[^\]\\]|\\.)*(?<!\\)\]\(\s*<?\s*(?:javascript|data|vbscript):"
                      r"|(?<!\\)<\s*(?:javascript|data):|(?<!\\)<(?:script|[a-z]+[^>]*\son[a-z]+\s*=)", re.IGNORECASE)


def _live_html(text: str) -> str | None:
    """A script, an event handler or a script link in an HTML page (as a browser parses it), if any."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in ("script", "iframe", "object", "embed"):
                found.append(f"<{tag}>")
            for name, value in attrs:
                if name.startswith("on"):
                    found.append(f"{name}= on <{tag}>")
                if name in ("href", "src", "action") and re.match(r"\s*(javascript|data|vbscript):", value or "", re.I):
                    found.append(f"{name}={value[:30]}")

    Parser().feed(text)
    return found[0] if found else None


def _documents(out: Path) -> list[str]:
    """What is wrong with the documents an export wrote."""
    problems = []
    for file in out.rglob("*"):
        if not file.is_file():
            continue
        if file.suffix == ".docx":
            try:
                zipfile.ZipFile(file).testzip()
            except zipfile.BadZipFile:
                problems.append(f"bad docx {file.name}")
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        fmt = file.suffix.lstrip(".")
        if fmt in ("md", "txt") and _RAW.search(text.replace("\t", "")):
            problems.append(f"raw control in {fmt}")
        if fmt == "html" and _RAW.search(text.replace("\t", "")):
            problems.append(f"raw control in html U+{ord(_RAW.search(text.replace(chr(9), '')).group()):04X}")
        if fmt == "html" and _live_html(text):
            problems.append(f"live script in html: {_live_html(text)}")
        if fmt == "md" and _LIVE_MD.search(text):
            problems.append("live link in md")
        if fmt == "ics" and re.search(r"\r(?!\n)|(?<!\r)\n|[\x00-\x08\x0b-\x1f\x7f]", text):
            problems.append("bare line break or control in ics")
    return problems


def run_one(argv: list[str]) -> dict:
    """One command in this process: its exit code, a traceback if one escaped, raw escapes it printed."""
    from wizard import clock
    from wizard.cli import main

    stdout, stderr = io.StringIO(), io.StringIO()
    result: dict[str, Any] = {"argv": argv}
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            result["code"] = main(list(argv))
    except SystemExit as exc:
        result["code"] = exc.code if isinstance(exc.code, int) else 2
    except BaseException as exc:  # noqa: BLE001 — this is what is being counted
        frames = traceback.extract_tb(exc.__traceback__)
        last = next((f for f in reversed(frames) if "/wizard/" in f.filename), frames[-1])
        result["traceback"] = f"{type(exc).__name__} at {Path(last.filename).name}:{last.lineno} ({last.name})"
        result["detail"] = f"{type(exc).__name__}: {str(exc)[:200]}"
        result["full"] = "".join(traceback.format_exception(exc))
    finally:
        clock.use_clock(None)
    printed = stdout.getvalue() + stderr.getvalue()
    raw = _RAW.search(printed.replace("\t", ""))
    if raw:
        result["raw"] = f"U+{ord(raw.group()):04X}"
        result["printed"] = printed[max(0, raw.start() - 150):raw.end() + 50]
    return result


def check_file(path: Path, seed: Path, work: Path) -> list[dict]:
    found = re.search(r"E-[0-9a-f]{6}", path.read_text(encoding="utf-8"))
    item = found.group() if found else "E-000000"
    results = []
    out = work / "out"
    for argv in commands(path, out, seed, item):
        shutil.rmtree(out, ignore_errors=True)
        before = path.read_bytes()
        result = run_one(argv)
        if argv[0] == "export":
            result["documents"] = _documents(out) if result.get("code") == 0 else []
            if argv[4] == "docx" and result.get("code") == 0 and not any(out.rglob("*.docx")):
                result["documents"].append("no docx written")
        if path.read_bytes() != before:  # an export, a merge or a verify records itself: put the file back
            path.write_bytes(before)
        results.append(result)
    return results


def _worker(task: tuple[int, str, str, str, str]) -> tuple[int, list[str], list[dict]]:
    number, name, text, seed_path, root = task
    work = Path(root) / f"w{number}"
    work.mkdir(parents=True, exist_ok=True)
    os.environ["ROUEI_CONFIG_DIR"] = str(work / "config")
    rng = random.Random(number)
    hostile, done = hostile_file(text, rng)
    path = work / f"{number:05d}-{name}.toml"
    path.write_text(hostile, encoding="utf-8")
    verifies = run_one(["verify", str(path)]).get("code") == 0
    results = check_file(path, Path(seed_path), work)
    keep = any("traceback" in r or "raw" in r or r.get("documents") for r in results)
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return number, done + ([] if verifies else ["(does not verify)"]), results


def replay(paths: list[Path]) -> int:
    """Every command on each file (a copy of it), each traceback, raw escape and document problem in full."""
    work = Path(tempfile.mkdtemp(prefix="rouei-replay-"))
    os.environ["ROUEI_CONFIG_DIR"] = str(work / "config")
    bad = 0
    for path in paths:
        copy = work / path.name
        shutil.copy(path, copy)
        for r in check_file(copy, copy, work):
            if "traceback" in r or "raw" in r or r.get("documents"):
                bad += 1
                print(f"== {path} :: {' '.join(r['argv'][:3])} (exit {r.get('code')})")
                print(r.get("full", "") or "", f"raw {r.get('raw')}: {r.get('printed')!r}" if "raw" in r else "",
                      r.get("documents") or "")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if bad else 0


def main_(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1100)
    parser.add_argument("--seed", type=int, default=0, help="the first file's number (files are numbered)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the files that failed here")
    parser.add_argument("--checkout", type=Path, help="another checkout of rouei to run")
    parser.add_argument("--replay", type=Path, nargs="+", help="run the commands on these files, tell all")
    args = parser.parse_args(argv)
    if args.replay:
        return replay(args.replay)
    if args.checkout:
        sys.path.insert(0, str(args.checkout.resolve()))
    root = Path(args.keep or tempfile.mkdtemp(prefix="rouei-fuzz-"))
    os.environ["ROUEI_CONFIG_DIR"] = str(root / "config")
    os.environ.setdefault("COLUMNS", "100")
    import wizard

    print(f"rouei from {Path(wizard.__file__).parent.parent}", flush=True)
    seeds = build_seeds(root / "seeds")
    seed_paths = {name: root / "seeds" / f"seed-{name}.toml" for name in seeds}
    for name, text in seeds.items():
        seed_paths[name].write_text(text, encoding="utf-8")
    names = sorted(seeds)
    tasks = [(n, names[n % len(names)], seeds[names[n % len(names)]], str(seed_paths[names[n % len(names)]]),
              str(root)) for n in range(args.seed, args.seed + args.files)]
    import multiprocessing

    started = time.monotonic()
    files = verified = runs = 0
    tracebacks: collections.Counter = collections.Counter()
    raw: collections.Counter = collections.Counter()
    documents: collections.Counter = collections.Counter()
    bad_files: set[int] = set()
    examples: dict[str, str] = {}
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        for number, done, results in pool.imap_unordered(_worker, tasks, chunksize=4):
            files += 1
            verified += "(does not verify)" not in done
            for r in results:
                runs += 1
                command = " ".join(r["argv"][:2] if r["argv"][0] in ("evidence", "exercise") else r["argv"][:1])
                if "traceback" in r:
                    tracebacks[(command, r["traceback"])] += 1
                    bad_files.add(number)
                    examples.setdefault(r["traceback"], f"file {number}: {'; '.join(done)} -> {r['detail']}")
                if "raw" in r:
                    raw[(command, r["raw"])] += 1
                    examples.setdefault(f"raw {command} {r['raw']}", f"file {number}: {'; '.join(done)}")
                for problem in r.get("documents", ()):
                    documents[(command, problem[:80])] += 1
                    examples.setdefault(problem[:80], f"file {number}: {'; '.join(done)}")
            if files % 100 == 0:
                print(f"  {files} files, {runs} runs, {sum(tracebacks.values())} tracebacks, "
                      f"{time.monotonic() - started:.0f} s", flush=True)
    print(f"\n{files} files ({verified} verify), {runs} runs, {time.monotonic() - started:.0f} s")
    print(f"tracebacks: {sum(tracebacks.values())} in {len(bad_files)} files")
    for (command, where), count in tracebacks.most_common():
        print(f"  {count:5d}  {command:18s} {where}")
    print(f"raw control characters on the terminal: {sum(raw.values())}")
    for (command, char), count in raw.most_common():
        print(f"  {count:5d}  {command:18s} {char}")
    print(f"document problems: {sum(documents.values())}")
    for (command, problem), count in documents.most_common():
        print(f"  {count:5d}  {command:18s} {problem}")
    if examples:
        print("\nexamples:")
        for key, example in examples.items():
            print(f"  {key}\n      {example[:300]}")
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return 1 if tracebacks or raw or documents else 0


if __name__ == "__main__":
    sys.exit(main_())
