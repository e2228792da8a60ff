"""이 컴퓨터에서 검사와 책 빌드에 걸리는 시간을 잽니다(설치가 끝난 환경에서).

    python tools/benchmark.py              # 한 번씩
    python tools/benchmark.py --repeat 3   # 노트북 실행·검사 명령·빠른 층을 번갈아 세 번
    python tools/benchmark.py --write      # 결과를 docs/measurements.md의 benchmark 절에도

목표: 검사 명령 ≤ 노트북을 모두 한 번 실행하는 시간의 1.5배, 빠른 층 ≤ 15 s,
깨끗한 빌드 ≤ 15 s, 바뀐 것 없는 재빌드 ≤ 3 s. 검사 명령에서 빠진 설치 검사(`pytest -m install`)도 한 번 잽니다.
시간은 이 컴퓨터의 부하에 따라 흔들리므로 검사(test)로 단정하지 않고 여기서 재서 보고합니다.
같은 컴퓨터를 다른 일이 함께 쓰면 비율도 흔들리므로, 잴 때의 부하(load average)도 함께 적습니다.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_check import write_section  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
JB = [str(BIN / "jupyter-book"), "build", ".", "-W", "--keep-going"]

# (a) 노트북을 모두 한 번, 새 커널에서 차례로 실행합니다(검사 없이, nbclient만).
RUN_NOTEBOOKS = """
import sys
from pathlib import Path
import nbformat
from nbclient import NotebookClient
for path in sorted(Path("book").glob("*.ipynb")):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, resources={"metadata": {"path": "book"}}).execute()
"""

NOTEBOOKS = ("노트북을 모두 한 번 실행 (nbclient, 차례로)", [sys.executable, "-c", RUN_NOTEBOOKS])
FULL = ("검사 명령 (pytest --nbval)", [str(BIN / "pytest"), "--nbval", "-q"])
INSTALL = ("설치 검사 (pytest -m install)", [str(BIN / "pytest"), "-m", "install", "-q"])  # .ci/run의 한 단계
QUICK = ("빠른 층 (pytest -m \"not slow\")", [str(BIN / "pytest"), "-m", "not slow", "-q"])


FAILED: list[str] = []


def timed(cmd: list[str]) -> float:
    """cmd가 걸린 시간. 실패해도 시간은 재고, 실패했다는 것과 출력의 끝을 보여 줍니다(끝에 종료 코드 1)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        FAILED.append(" ".join(cmd)[:80])
        print(f"!! 실패(종료 코드 {proc.returncode}): {' '.join(cmd)[:80]}\n{proc.stdout[-1500:]}")
    return seconds


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="노트북·검사 명령·빠른 층을 번갈아 잴 횟수 (기본 1)")
    parser.add_argument("--write", action="store_true", help="결과를 docs/measurements.md의 benchmark 절에")
    args = parser.parse_args()
    lines: list[str] = []

    def say(text: str) -> None:  # 화면과 docs/measurements.md에 같은 줄을
        lines.append(text)
        print(text, flush=True)

    if args.repeat < 1:
        parser.error(f"--repeat: 1 이상이어야 하는데 {args.repeat}을(를) 받았습니다")

    say(f"컴퓨터: {platform.machine()}, CPU {os.cpu_count()}개, Python {platform.python_version()}")
    say(f"시작할 때 부하(load average 1/5/15분): {load()}")

    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    for name, goal in (("깨끗한 책 빌드", 15.0), ("바뀐 것 없는 재빌드", 3.0)):
        seconds = timed(JB)
        say(f"{name:34} {seconds:6.1f} s   (목표 ≤ {goal:g} s: {'달성' if seconds <= goal else '넘음'})")

    for i in range(args.repeat):
        notebooks, full, quick = timed(NOTEBOOKS[1]), timed(FULL[1]), timed(QUICK[1])
        ratio = full / notebooks
        say(f"[{i + 1}/{args.repeat}] 부하 {load()}")
        say(f"  {NOTEBOOKS[0]:34} {notebooks:6.1f} s")
        say(f"  {FULL[0]:34} {full:6.1f} s   = 노트북 실행의 {ratio:.2f}배 "
              f"(목표 ≤ 1.5배: {'달성' if ratio <= 1.5 else '넘음'})")
        say(f"  {QUICK[0]:34} {quick:6.1f} s   (목표 ≤ 15 s: {'달성' if quick <= 15 else '넘음'})")

    install = timed(INSTALL[1])  # 새 가상 환경 둘(README의 검사 명령에는 없음): 목표 없이 한 번
    say(f"{INSTALL[0]:34} {install:6.1f} s   (README의 검사 명령 밖, .ci/run의 한 단계)")
    say(f"끝날 때 부하: {load()}")
    if args.write:
        write_section("benchmark", f"{time.strftime('%Y-%m-%d')}:\n\n```text\n" + "\n".join(lines) + "\n```")
    if FAILED:
        say("실패한 명령이 있습니다(그 시간은 통과한 실행의 시간이 아닙니다):\n  " + "\n  ".join(FAILED))
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
