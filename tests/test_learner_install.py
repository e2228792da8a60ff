"""첫 페이지의 '내 컴퓨터에서' 설치를 적힌 그대로: 저장소를 받은 폴더에서 새 셸로 실행합니다.

설치 블록은 `book/intro.md`에서 읽습니다('**내 컴퓨터에서.**' 줄 뒤의 첫 ```bash 블록). 마지막 줄
`jupyter lab book/`은 서버를 띄우고 기다리므로 실행하지 않고, 그 앞의 줄들을 `bash -e`로 실행한 뒤 같은 셸에서
`jupyter lab --version`과 한 장의 헤드리스 실행(`jupyter nbconvert --execute`)으로 JupyterLab과 노트북이 도는지 봅니다.

- 학습자가 받는 것: 저장소의 파일(`git ls-files`: 추적하는 파일과 아직 add하지 않은 새 파일, .gitignore 빼고)만
  임시 폴더에 복사합니다. .git도 _build도 지금의 .venv도 없습니다.
- 깨끗한 셸: 지금의 가상 환경(VIRTUAL_ENV와 PATH의 그 bin)을 빼므로 `python3`은 컴퓨터의 Python입니다.
  pip의 설정(색인, find-links, PIP_EXTRA_INDEX_URL)은 그대로 씁니다: 패키지 저장소(PyPI)가 필요하고, 닿지 않으면
  건너뛰지 않고 실패합니다. Jupyter, IPython, matplotlib의 설정·캐시 폴더는 임시 폴더로 돌려 사용자의 것과
  섞지 않습니다.
- 확인: 책을 빌드하고 검사하는 도구는 설치되지 않았고, 설치된 것 중 requirements.txt가 고정한 것(numpy, torch,
  matplotlib …)은 모두 그 버전이며, 장의 출력(stdout)이 저장된 출력과 글자 그대로 같습니다.
- 첫 페이지의 리눅스 CPU 빌드 줄(PyTorch의 색인)은 실행하지 않습니다: 이 컴퓨터는 download.pytorch.org에 닿지 못합니다.
  그 줄이 고정한 torch 버전을 받는지만 글로 확인합니다.

끝나면 새 가상 환경을 지웁니다(torch가 들어 있어 큽니다).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import nbformat
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from _book import ROOT

INTRO = ROOT / "book" / "intro.md"
MARKER = "**내 컴퓨터에서.**"
LAST_LINE = "jupyter lab book/"
# float32 PyTorch 값을 출력하는 장: numpy에 더해 torch의 고정 버전과 재현성 설정까지 거칩니다.
CHAPTER = "04_backprop_autograd"
# 학습자에게 필요 없는 책 빌드·검사 도구(pyproject.toml의 book, test 그룹에 있는 것).
# 그 그룹의 nbformat, ipykernel, PyYAML 같은 것은 JupyterLab도 쓰므로 여기에 넣지 않습니다.
TOOLCHAIN = ("jupyter-book", "sphinx", "pytest", "nbval", "playwright", "mypy", "ruff")
CPU_INDEX = "https://download.pytorch.org/whl/cpu"
TIMEOUT = 1800  # 초. 리눅스의 CUDA torch(수 GB)를 받아도 넉넉하게
NO_REGISTRY = "pip이 패키지를 받지 못했다면: 이 검사는 패키지 저장소(PyPI)가 필요합니다(오프라인이면 실패합니다)."


def bash_blocks_after_marker() -> list[list[str]]:
    """첫 페이지에서 '**내 컴퓨터에서.**' 줄 뒤에 나오는 ```bash 블록들(블록마다 줄의 목록), 다음 제목 전까지."""
    lines = INTRO.read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if MARKER in line), None)
    assert start is not None, f"{INTRO.name}에 {MARKER!r} 줄이 없습니다"
    blocks: list[list[str]] = []
    current: list[str] | None = None
    for line in lines[start + 1:]:
        if current is None:
            if line.startswith("#"):
                break
            if line.strip() == "```bash":
                current = []
        elif line.strip() == "```":
            blocks.append(current)
            current = None
        else:
            current.append(line)
    assert current is None, "닫히지 않은 ```bash 블록"
    assert blocks, f"{MARKER!r} 뒤에 ```bash 블록이 없습니다"
    return blocks


def install_block() -> list[str]:
    block = [line for line in bash_blocks_after_marker()[0] if line.strip()]
    assert block and block[-1] == LAST_LINE, f"설치 블록의 마지막 줄이 {LAST_LINE!r}가 아닙니다: {block}"
    assert len(block) > 1, "설치 블록에 설치하는 줄이 없습니다"
    return block


def pins(path: Path) -> dict[str, str]:
    """`이름==버전` 줄들: 정규화한 이름 → 버전."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", line.strip())
        if m:
            found[canonicalize_name(m[1])] = m[2]
    return found


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_constraints_txt_is_exactly_the_pins_of_requirements_txt():
    """pip은 제약 파일에 `-e .`을 받지 않으므로, 첫 페이지는 requirements.txt 대신 그 고정 줄만 옮긴
    constraints.txt를 씁니다."""
    constraints = ROOT / "constraints.txt"
    other = [line for line in constraints.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#") and "==" not in line]
    assert not other, f"constraints.txt에 고정 줄이 아닌 것: {other}"
    assert pins(constraints) == pins(ROOT / "requirements.txt"), (
        "constraints.txt가 requirements.txt와 어긋납니다: bash tools/compile_requirements.sh로 함께 다시 만드세요")
    assert f'-c {constraints.name} ".[learn]"' in "\n".join(install_block())
    assert "learn" in pyproject()["project"]["optional-dependencies"]


def test_the_linux_cpu_line_installs_the_pinned_torch_from_the_pytorch_index():
    """리눅스의 CPU 빌드 줄은 설치 블록과 따로 있고, requirements.txt가 고정한 torch를 받습니다(실행하지는 않습니다)."""
    blocks = bash_blocks_after_marker()
    torch = pins(ROOT / "requirements.txt")["torch"]
    assert not any(CPU_INDEX in line for line in install_block())
    assert [f"pip install torch=={torch} --index-url {CPU_INDEX}"] in blocks[1:], blocks


def copy_the_download(dest: Path) -> None:
    """학습자가 받는 저장소: git이 아는 파일(추적하는 것과 .gitignore에 없는 새 파일)만, .git 없이."""
    git = shutil.which("git")
    assert git, "git이 없습니다: 저장소의 파일 목록(git ls-files)에 필요합니다"
    listed = subprocess.run([git, "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        src = ROOT / name
        if src.exists():  # 작업 트리에서 지운 파일은 다음 커밋에도 없습니다
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name, follow_symlinks=False)


def clean_env(tmp: Path) -> dict[str, str]:
    """지금의 가상 환경을 뺀 환경. pip 설정은 그대로, Jupyter 등의 사용자 폴더는 임시 폴더로."""
    here = {Path(sys.prefix).resolve() / "bin", Path(sys.executable).resolve().parent}
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONNOUSERSITE")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if p and Path(p).resolve() not in here)
    # PIP_REQUIRE_VIRTUALENV: 블록이 가상 환경을 켜지 못했으면 pip이 밖에 설치하지 않고 실패합니다.
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_REQUIRE_VIRTUALENV="1",
               JUPYTER_CONFIG_DIR=str(tmp / "jupyter-config"), JUPYTER_DATA_DIR=str(tmp / "jupyter-data"),
               JUPYTER_RUNTIME_DIR=str(tmp / "jupyter-runtime"), IPYTHONDIR=str(tmp / "ipython"),
               MPLCONFIGDIR=str(tmp / "matplotlib"))
    return env


def run_bash(lines: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """줄들을 한 셸에서 `bash -e`로 실행합니다. 줄마다 먼저 `$ 줄`을 출력해 어느 줄에서 멈췄는지 보이게 합니다.

    `bash -e`는 `a && b`의 a가 실패해도 멈추지 않으므로(가상 환경을 못 만들면 다음 줄의 pip이 밖의 Python에
    설치합니다) 줄마다 `{ 줄; } || exit`로 감쌉니다. 시간이 넘으면 pip까지 프로세스 묶음을 통째로 끝냅니다.
    """
    script = "\n".join(f"echo {shlex.quote('$ ' + line)}\n{{ {line}\n}} || exit $?" for line in lines)
    with subprocess.Popen(["bash", "-e", "-c", script], cwd=cwd, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True) as proc:
        try:
            out, _ = proc.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
            pytest.fail(f"설치가 {TIMEOUT} s 안에 끝나지 않았습니다. {NO_REGISTRY}\n--- 출력의 끝 ---\n{out[-6000:]}")
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, None)


def printed(nb) -> list[str]:
    """코드 셀마다 stdout에 출력한 글."""
    return ["".join(o.text for o in c.get("outputs", []) if o.output_type == "stream" and o.name == "stdout")
            for c in nb.cells if c.cell_type == "code"]


@pytest.mark.slow  # 새 가상 환경에 torch와 JupyterLab을 설치합니다(빠른 층에서 빠짐)
@pytest.mark.install  # 1–2분: README의 검사 명령 대신 .ci/run의 설치 단계(pytest -m install)가 돌립니다
def test_the_front_pages_install_block_works_as_written_in_a_fresh_download(tmp_path):
    """저장소를 새로 받은 폴더에서 첫 페이지의 설치 줄들을 그대로 실행하면, 책 빌드·검사 도구 없이 고정 버전의
    numpy와 torch가 설치되고, JupyterLab이 있고, 4장이 책에 저장된 그대로의 줄을 출력합니다."""
    t0 = time.perf_counter()
    block = install_block()
    groups = pyproject()["project"]["optional-dependencies"]
    repo = tmp_path / "backprop-lesson"
    out = tmp_path / "out"
    repo.mkdir()
    out.mkdir()
    copy_the_download(repo)
    chapter = repo / "book" / f"{CHAPTER}.ipynb"
    assert chapter.exists(), chapter

    q = shlex.quote(str(out))
    checks = [
        # 설치 블록의 `. .venv/bin/activate`가 켠 환경인지 보려고 이 셸의 python과 pip으로 묻습니다.
        f"python -c 'import json, sys; print(json.dumps([sys.prefix, sys.version_info[:2]]))' > {q}/python.json",
        f"jupyter lab --version > {q}/lab-version.txt",
        f"python -m pip list --format=json > {q}/pip-list.json",
        f"jupyter kernelspec list --json > {q}/kernels.json",
        f"jupyter nbconvert --to notebook --execute --output-dir {q} book/{chapter.name}",
    ]
    try:
        proc = run_bash(block[:-1] + checks, repo, clean_env(tmp_path))
        assert proc.returncode == 0, (f"첫 페이지의 설치 블록이나 그 뒤의 확인이 실패했습니다. {NO_REGISTRY}\n"
                                      f"--- 출력의 끝 ---\n{proc.stdout[-6000:]}")

        # 블록이 만든 가상 환경: 저장소 폴더의 .venv, 첫 페이지가 적은 Python 판.
        prefix, version = json.loads((out / "python.json").read_text(encoding="utf-8"))
        venv = (repo / ".venv").resolve()
        assert Path(prefix).resolve() == venv, f"켜진 환경이 {venv}가 아닙니다: {prefix}"
        assert tuple(version) in ((3, 11), (3, 12)), f"첫 페이지는 Python 3.11이나 3.12를 적습니다: {version}"

        listed = json.loads((out / "pip-list.json").read_text(encoding="utf-8"))
        installed: dict[str, str] = {canonicalize_name(d["name"]): d["version"] for d in listed}
        assert "backprop-lesson" in installed

        # JupyterLab: pyproject.toml의 learn 그룹이 허용하는 판이고, `jupyter lab`이 그 판입니다.
        lab = next(Requirement(r) for r in groups["learn"] if canonicalize_name(Requirement(r).name) == "jupyterlab")
        lab_version = (out / "lab-version.txt").read_text(encoding="utf-8").strip()
        assert lab_version == installed.get("jupyterlab"), (lab_version, installed.get("jupyterlab"))
        assert lab.specifier.contains(lab_version), f"jupyterlab {lab_version}: {lab}"

        # 책 빌드·검사 도구는 설치하지 않았습니다.
        grouped = {canonicalize_name(Requirement(r).name) for g in ("book", "test") for r in groups[g]}
        assert set(TOOLCHAIN) <= grouped, set(TOOLCHAIN) - grouped
        toolchain = sorted(n for n in TOOLCHAIN if n in installed)
        assert not toolchain, f"학습자의 설치에 빌드·검사 도구가 들어왔습니다: {toolchain}"

        # 설치된 것 중 requirements.txt가 고정한 것은 모두 그 버전(로컬 꼬리표 +cpu는 빼고 비교).
        pinned = pins(ROOT / "requirements.txt")
        for name in ("numpy", "torch", "matplotlib"):
            assert name in installed and name in pinned, name
        wrong = {n: f"{v} (고정 {pinned[n]})" for n, v in installed.items()
                 if n in pinned and Version(Version(v).public) != Version(pinned[n])}
        assert not wrong, f"requirements.txt의 고정 버전과 다르게 설치된 것: {wrong}"

        # 장을 실행한 커널은 새 환경의 python3 커널입니다.
        spec = json.loads((out / "kernels.json").read_text(encoding="utf-8"))["kernelspecs"]["python3"]
        assert Path(spec["resource_dir"]).resolve().is_relative_to(venv), spec["resource_dir"]

        # 장의 출력: 오류가 없고, 코드 셀마다 stdout이 저장된 출력(책에 보이는 것)과 글자 그대로 같습니다.
        ran = nbformat.read(out / chapter.name, as_version=4)
        errors = [o for c in ran.cells for o in c.get("outputs", []) if o.output_type == "error"]
        assert not errors, "\n".join("\n".join(e.traceback) for e in errors)
        stored = printed(nbformat.read(chapter, as_version=4))
        assert any(stored), f"{CHAPTER}에 저장된 stdout이 없습니다"
        for i, (want, got) in enumerate(zip(stored, printed(ran), strict=True), start=1):
            assert got == want, (f"{CHAPTER}의 {i}번째 코드 셀의 출력이 다릅니다"
                                 f"\n--- 저장된 것 ---\n{want}\n--- 새 환경 ---\n{got}")
        print(f"설치와 확인 {time.perf_counter() - t0:.1f}s: jupyterlab {lab_version}, "
              f"torch {installed['torch']}, numpy {installed['numpy']}")
    finally:
        shutil.rmtree(repo / ".venv", ignore_errors=True)
