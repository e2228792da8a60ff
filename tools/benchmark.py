"""이 컴퓨터에서 검사와 책 빌드에 걸리는 시간을 잽니다(설치가 끝난 환경에서).

    python tools/benchmark.py

목표: 검사 명령 ≤ 30 s, 깨끗한 빌드 ≤ 15 s, 바뀐 것 없는 재빌드 ≤ 3 s, 장 페이지 < 300 KB.
시간은 이 컴퓨터의 부하에 따라 흔들리므로 검사(test)로 단정하지 않고 여기서 재서 보고합니다.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from page_weight import LIMIT_KB, page_weights

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

STEPS = [
    ("검사 명령 (pytest --nbval)", [str(BIN / "pytest"), "--nbval", "-q"], 30.0, False),
    ("깨끗한 책 빌드", [str(BIN / "jupyter-book"), "build", ".", "-W", "--keep-going"], 15.0, True),
    ("바뀐 것 없는 재빌드", [str(BIN / "jupyter-book"), "build", ".", "-W", "--keep-going"], 3.0, False),
]


def main() -> int:
    print(f"컴퓨터: {platform.machine()}, CPU {os.cpu_count()}개, Python {platform.python_version()}")
    for name, cmd, goal, clean in STEPS:
        if clean:
            shutil.rmtree(ROOT / "_build", ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        ok = seconds <= goal
        print(f"{name:28} {seconds:6.1f} s   (목표 ≤ {goal:g} s: {'달성' if ok else '넘음'})")
    print("페이지 무게 (HTML + 그 페이지의 그림, 테마 공용 파일 제외):")
    for page, size in page_weights().items():
        print(f"  {page:26} {size / 1024:6.1f} KB  (목표 < {LIMIT_KB} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
