"""A fresh web worker that gets several team saves at once must not crash (structinfo.py).

msgspec 0.22 builds a struct type's decoding info on first use, and threads converting to the same type while
it is being built crash the process with SIGSEGV (a `serve --workers 2` burst did, in CI). Here a fresh
interpreter builds the app as a worker does, then 16 threads decode a team, a roster and a profile at the same
moment, with the interpreter switching threads as often as it can (without the app's start-up step about 7 runs
in 10 crash this way). Five such processes must all exit 0.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RACE = """
import sys, threading
import msgspec
from douyin_team.store import make_engine
from douyin_team.team.model import Profile
from douyin_team.team.roster import Roster
from douyin_team.team.teamfile import convert_team
from douyin_team.web.app import create_app
from douyin_team.web.config import WebSettings

create_app(WebSettings(secret_key="race"), make_engine(sys.argv[1]))
sys.setswitchinterval(1e-6)
team = {"people": [{"name": "老板", "roles": ["负责人"]},
                   {"name": "主播", "roles": ["主播"], "reports_to": "老板", "department": "直播部"}]}
go = threading.Event()

def decode():
    go.wait()
    for _ in range(3):
        convert_team(team)
        msgspec.convert({"people": [{"name": "小周", "roles": ["投手"], "skills": {"投手": 4}}]}, Roster, strict=False)
        msgspec.convert({"monthly_sales": 300000, "rooms": 2}, Profile, strict=False)

threads = [threading.Thread(target=decode) for _ in range(16)]
for thread in threads:
    thread.start()
go.set()
for thread in threads:
    thread.join()
print("ok")
"""


def test_threads_decoding_at_once_in_a_fresh_worker_do_not_crash_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'team.sqlite'}"
    for run in range(5):
        done = subprocess.run([sys.executable, "-c", RACE, url], capture_output=True, text=True, timeout=120)
        assert (done.returncode, done.stdout.strip()) == (0, "ok"), f"run {run + 1}: exit {done.returncode}\n{done.stderr}"
