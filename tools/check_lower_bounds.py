"""pyproject.toml이 적은 하한이 참인지 확인합니다: 가장 낮은 허용 버전으로 노트북을 nbval로 실행합니다.

    python3 tools/check_lower_bounds.py                      # pyproject.toml의 하한 그대로
    python3 tools/check_lower_bounds.py --pin numpy==1.26.4  # 하한을 정할 때: 다른 버전을 시험

새 가상 환경(임시 폴더)에 다음을 설치하고 `pytest --nbval book/`을 실행합니다.
- [project].dependencies의 `이름>=X`마다 정확히 `이름==X`(pip에는 "가장 낮은 버전" 해석이 없으므로
  제약 파일로 고정합니다). torch만 예외: requirements.txt가 고정한 CPU 빌드를 씁니다. 다른 torch는
  리눅스에서 CUDA 빌드(수 GB)뿐이라 여기서 시험할 수 없습니다.
- 패키지 자신(편집 설치가 아닌 보통 설치: Colab의 `pip install git+…`과 같음). 하한 아래도 시험할 수 있게
  의존성은 위의 고정 버전을 직접 설치하고 패키지는 --no-deps로 넣은 뒤, `pip check`로 어긋남이 없는지 봅니다.
- nbval 실행에 필요한 검사 도구(pyproject.toml의 test 그룹에 적힌 범위 그대로). 나머지 의존성은 pip이 고릅니다.

노트북과 검사는 저장소에 파일을 남기지 않으며 가상 환경은 끝나면 지웁니다(--keep으로 남길 수 있음).
Python 3.11에서 실행하세요(requirements.txt와 torch CPU 빌드가 그 버전용입니다).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

try:
    from packaging.requirements import Requirement
except ImportError:  # packaging이 없는 Python이면 pip에 들어 있는 것을 씁니다
    from pip._vendor.packaging.requirements import Requirement  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parents[1]
# `pytest --nbval book/`이 쓰는 것: pyproject.toml의 addopts가 --mpl과 -n을 켜므로 pytest-mpl, pytest-xdist도.
NBVAL_TOOLS = ("pytest", "pytest-xdist", "pytest-mpl", "nbval", "ipykernel")

# 새 환경 안에서: 고정한 버전이 실제로 설치되었는지, 패키지를 새 환경에서 가져오는지.
VERSION_CHECK = """
import importlib.metadata as md, sys

def release(v):
    parts = v.split("+")[0].split(".")
    while parts and parts[-1] == "0":
        parts.pop()
    return parts

bad = []
for pin in sys.argv[1:]:
    name, want = pin.split("==")
    got = md.version(name)
    print(f"  {name} {got}")
    if release(got) != release(want):
        bad.append(f"{name}: {got} != {want}")
for name in ("matplotlib-inline", "ipykernel", "nbval", "pytest"):
    print(f"  {name} {md.version(name)}")
import backprop_lesson
if not backprop_lesson.__file__.startswith(sys.prefix):
    bad.append(f"backprop_lesson이 새 환경 밖에서 옵니다: {backprop_lesson.__file__}")
sys.exit("\\n".join(bad) or None)
"""


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lowest_pins(pyproject: dict, torch_pin: str) -> dict[str, str]:
    """[project].dependencies의 하한을 `이름==하한`으로 바꿉니다(이 Python에 해당하지 않는 것은 뺍니다)."""
    pins = {}
    for text in pyproject["project"]["dependencies"]:
        req = Requirement(text)
        name = canonical(req.name)
        if req.marker is not None and not req.marker.evaluate():
            continue
        if name == "torch":
            pins[name] = torch_pin
            continue
        specs = list(req.specifier)
        if len(specs) != 1 or specs[0].operator != ">=":
            raise SystemExit(f"{name}: 하한이 `>=버전` 하나가 아닙니다: {text!r}")
        pins[name] = f"{name}=={specs[0].version}"
    return pins


def torch_pin_from_requirements() -> str:
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    m = re.search(r"^torch==([0-9.]+)$", text, re.MULTILINE)
    if not m:
        raise SystemExit("requirements.txt에 `torch==버전` 줄이 없습니다")
    return f"torch=={m.group(1)}"


def test_tools(pyproject: dict) -> list[str]:
    specs = {canonical(Requirement(t).name): t for t in pyproject["project"]["optional-dependencies"]["test"]}
    missing = [n for n in NBVAL_TOOLS if n not in specs]
    if missing:
        raise SystemExit(f"pyproject.toml의 test 그룹에 없습니다: {missing}")
    return [specs[n] for n in NBVAL_TOOLS]


def run(cmd: list, **kw) -> None:
    print("+", " ".join("<스크립트>" if "\n" in str(c) else str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pin", action="append", default=[], metavar="이름==버전",
                    help="하한 대신 이 버전을 씁니다(여러 번 쓸 수 있음)")
    ap.add_argument("--keep", metavar="폴더", help="가상 환경을 이 폴더에 만들고 지우지 않습니다")
    ap.add_argument("pytest_args", nargs="*", help="pytest에 더 넘길 인자(-- 뒤에)")
    args = ap.parse_args()

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = lowest_pins(pyproject, torch_pin_from_requirements())
    for pin in args.pin:
        specs = list(Requirement(pin).specifier)
        if len(specs) != 1 or specs[0].operator != "==":
            raise SystemExit(f"--pin은 `이름==버전` 꼴이어야 합니다: {pin!r}")
        name = canonical(Requirement(pin).name)
        pins[name] = f"{name}=={specs[0].version}"

    tmp = Path(tempfile.mkdtemp(prefix="lower-bounds-"))
    venv = Path(args.keep).resolve() if args.keep else tmp / "venv"
    try:
        constraints = tmp / "constraints-lowest.txt"
        constraints.write_text("".join(p + "\n" for p in pins.values()), encoding="utf-8")
        print("제약(가장 낮은 허용 버전):", ", ".join(pins.values()), flush=True)
        t0 = time.perf_counter()
        run([sys.executable, "-m", "venv", "--clear", venv])
        py = venv / "bin" / "python"
        pip = [py, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
        # 의존성은 고정한 버전 그대로 직접 설치하고 패키지는 --no-deps로: 하한 아래를 --pin으로 시험할 수 있게.
        run([*pip, "-c", constraints, *pins.values(), *test_tools(pyproject)], cwd=tmp)
        # 복사본에서 빌드합니다: 저장소에서 빌드하면 build/에 남은 옛 모듈이 휠에 섞일 수 있고 파일도 남습니다.
        package = tmp / "package"
        shutil.copytree(ROOT / "src", package / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
        for name in ("pyproject.toml", "README.md", "LICENSE"):
            shutil.copy2(ROOT / name, package / name)
        run([*pip, "--no-deps", package], cwd=tmp)
        if not args.pin:  # 하한 그대로라면 패키지가 적은 의존성과 어긋나는 것이 없어야 합니다.
            run([py, "-m", "pip", "check"], cwd=tmp)
        print(f"설치: {time.perf_counter() - t0:.0f} s", flush=True)
        run([py, "-c", VERSION_CHECK, *pins.values()])
        t1 = time.perf_counter()
        proc = subprocess.run([py, "-m", "pytest", "--nbval", "book/", *args.pytest_args], cwd=ROOT)
        print(f"pytest --nbval book/: {time.perf_counter() - t1:.0f} s, 종료 코드 {proc.returncode}", flush=True)
        return proc.returncode
    except subprocess.CalledProcessError as e:
        print(f"실패(종료 코드 {e.returncode}): {e.cmd[:3]} …", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
