"""Run by test_crash.py: fork a writer that saves as fast as it can, SIGKILL it at a random moment,
then load the file and its backups and check that every event the writer reported as saved is there.

Usage: python crash_driver.py FOLDER ROUNDS SEED. Prints one JSON line with the tally and any problems.
A single-threaded process of its own, so that forking is safe.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time
from pathlib import Path

import wizard.domain.facts  # noqa: F401  (loaded before forking, as in the app: a writer's first answer loads it)
from wizard.errors import RoueiError
from wizard.store import Incident, Responder
from wizard.atomic import backups
from wizard.store.files import backup_path

WRITER = Responder("書き手", "テスト")
FRESH_FILE_EVERY = 40  # rounds; keeps files small so that each round is quick


def write_forever(incident: Incident, log_fd: int) -> None:
    """Append events of several kinds, writing "+" to the log as each save begins and its id once the
    save has returned."""
    n = 0
    while True:
        os.write(log_fd, b"+\n")
        if n % 3 == 0:
            event = incident.answer("affected_max", n, WRITER)
        elif n % 3 == 1:
            event = incident.note(f"メモ {n}", WRITER)
        else:
            event = incident.tick("escalate", WRITER, done=bool(n % 2))
        os.write(log_fd, (event.id + "\n").encode("ascii"))  # one write: all of a line or none
        n += 1


def main(folder: Path, rounds: int, seed: int) -> dict:
    rng = random.Random(seed)
    problems: list[str] = []
    saved_total = 0
    interrupted = 0
    torn = 0  # kills that left a record half written (the next save cut it off)
    for round_ in range(rounds):
        if round_ % FRESH_FILE_EVERY == 0:
            path = folder / f"incident-{round_}.toml"
            incident = Incident.create(path, WRITER, title="強制終了テスト")
            log = folder / f"saved-{round_}.log"
            log_fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        pid = os.fork()
        if pid == 0:
            try:
                write_forever(incident, log_fd)
            finally:
                os._exit(1)
        time.sleep(rng.uniform(0.0005, 0.015))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        lines = log.read_text(encoding="ascii").split("\n")[:-1]
        saved = set(lines) - {"+", "-"}
        interrupted += lines[-1:] == ["+"]  # the kill landed while a save was under way
        os.write(log_fd, b"-\n")
        try:
            incident = Incident.load(path)
            missing = saved - {e.id for e in incident.events}
            if missing:
                problems.append(f"round {round_}: {len(missing)} saved events missing")
            torn += incident.torn
            for backup in backups(backup_path(path)):
                Incident.load(backup)
        except RoueiError as exc:
            problems.append(f"round {round_}: {exc}")
            break
        if round_ % FRESH_FILE_EVERY == FRESH_FILE_EVERY - 1 or round_ == rounds - 1:
            saved_total += len(saved)
    return {"rounds": round_ + 1, "saved": saved_total, "interrupted": interrupted, "torn": torn, "problems": problems[:5]}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))))
