"""Colab처럼: 장 하나의 노트북만 빈 폴더에 두고, backprop_lesson이 없는 새 환경에서 실행합니다.

노트북의 첫 코드 셀이 바뀌지 않은 그대로 `pip install git+<저장소 주소>`로 패키지를 설치해야 합니다.
네트워크는 패키지 저장소(빌드용 setuptools)만 씁니다. GitHub 주소는 git의 `insteadOf`로
이 체크아웃을 새로 clone한 폴더로 돌리고, `GIT_ALLOW_PROTOCOL=file`이라 돌리기가 빠지면
git이 https로 나가지 못하고 실패합니다. 사용자의 git 설정은 건드리지 않습니다(GIT_CONFIG_GLOBAL).

새 venv는 지금 환경의 site-packages(torch, numpy, matplotlib, ipykernel, nbclient…)를 보지만
backprop_lesson은 보지 않아야 합니다. 그래서 .pth에 부모 site-packages를 그대로 적지 않고,
backprop_lesson 관련 항목만 뺀 심볼릭 링크 폴더를 적습니다: 부모에는 편집 설치의 dist-info가 있어서,
그대로 보이면 pip가 "backprop-lesson이 이미 있다"고 여깁니다(Colab과 다릅니다).

빠르게 하려고 바꾼 것(설치 셀은 그대로, 저장소 주소에서 설치하는 것도 그대로):
- pip은 빌드용 격리 환경을 만들지 않고(PIP_NO_BUILD_ISOLATION) 부모의 setuptools로 빌드합니다.
  그 setuptools가 pyproject.toml의 [build-system] 요구를 만족하는지는 따로 확인합니다.
- pip의 설치 후 충돌 검사(PIP_NO_WARN_CONFLICTS)는 부모 환경 전체를 훑는데, 새로 깔린 것이
  backprop_lesson뿐인지는 이 검사가 직접 확인합니다.
- 새 환경 조사는 torch 등을 import하지 않고 어디서 올지(find_spec)와 버전(배포 정보)만 봅니다.
- 노트북은 이 프로세스의 nbclient가 새 환경의 python으로 띄운 커널에서 실행합니다.
"""

from __future__ import annotations

import importlib.metadata as md
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import nbformat
import pytest
import yaml
from packaging.requirements import Requirement

from _golden import golden_blocks

# 새 환경을 만들고 노트북 하나를 실행합니다: 빠른 층에서 빠지고, README의 검사 명령 대신 .ci/run의 설치 단계가 돌립니다.
pytestmark = [pytest.mark.slow, pytest.mark.install]

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = "02_backprop_manual"  # 원본의 줄과 단계별 보기(HTML 출력)가 모두 있는 장
KERNEL = "colab-fresh-venv"
HEAVY = ("torch", "numpy", "matplotlib")  # 설치 셀이 다시 깔면 안 되는 셋

# 새 환경 안에서 실행해 상태를 JSON으로 알려 주는 스크립트.
PROBE = f"""
import importlib.metadata as md, importlib.util, json, sys
def dist(name):
    try:
        return md.version(name)
    except md.PackageNotFoundError:
        return None
spec = importlib.util.find_spec("backprop_lesson")
out = {{"prefix": sys.prefix, "backprop_lesson": spec and spec.origin,
       "backprop_lesson_dist": dist("backprop-lesson"), "pip": importlib.util.find_spec("pip") is not None}}
for name in {HEAVY!r}:  # import하지 않고(느림) 어디서 올지와 버전만
    out[name] = {{"file": importlib.util.find_spec(name).origin, "version": dist(name)}}
print(json.dumps(out))
"""

def run(cmd, what=None, **kw):
    """실패하면 stdout/stderr를 그대로 보여 주고 테스트를 실패시킵니다."""
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=600, **kw)
    assert proc.returncode == 0, (f"실패: {what or cmd}\n--- stdout ---\n{proc.stdout}"
                                  f"\n--- stderr ---\n{proc.stderr}")
    return proc


def clone_this_checkout(git: str, dest: Path, env: dict) -> None:
    """이 체크아웃을 새로 clone합니다(커밋된 파일만: CI의 깨끗한 clone과 같습니다).

    CI의 체크아웃은 보통 얕습니다(fetch-depth 1). 얕은 저장소를 pip이 하는
    `git clone --filter=blob:none file://…`로 받으면 git이 경고를 수천 줄 내며 몇 분씩 걸리므로,
    clone한 트리를 그대로 커밋 하나짜리 새 저장소로 만듭니다(GitHub처럼 얕지 않은 저장소).
    """
    run([git, "clone", "--quiet", ROOT, dest], env=env)
    shutil.rmtree(dest / ".git")
    run([git, "init", "--quiet", dest], env=env)
    run([git, "-C", dest, "add", "--all", "--force"], env=env)
    run([git, "-C", dest, "-c", "user.name=test", "-c", "user.email=test@example.invalid",
         "commit", "--quiet", "--no-verify", "-m", "clone of this checkout"], env=env)


def parent_site_dirs() -> list[Path]:
    """지금 환경에서 torch 등을 주는 site-packages 폴더들."""
    dirs = [Path(p) for p in sys.path if Path(p).name in ("site-packages", "dist-packages") and Path(p).is_dir()]
    assert dirs, f"부모 환경의 site-packages를 찾지 못했습니다: {sys.path}"
    return dirs


def is_backprop_lesson(entry: str) -> bool:
    # backprop_lesson/, backprop_lesson-<버전>.dist-info, __editable__.backprop_lesson-….pth, __editable___…_finder.py
    return "backprop_lesson" in entry.replace("-", "_").lower()


def make_fresh_venv(tmp: Path, env: dict) -> tuple[Path, Path]:
    venv = tmp / "venv"
    # pip은 부모의 것을 씁니다(ensurepip보다 빠름). 설치는 sys.prefix인 새 venv에 들어갑니다.
    run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    site = Path(run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                    env=env).stdout.strip())
    lines = []
    for i, parent in enumerate(parent_site_dirs()):
        # .pth의 경로 줄은 그 폴더의 .pth를 실행하지 않으므로 편집 설치 훅은 어차피 켜지지 않습니다.
        # dist-info까지 숨기려고 backprop_lesson 항목과 .pth를 뺀 링크 폴더를 만듭니다.
        shadow = tmp / f"parent-site-{i}"
        shadow.mkdir()
        for entry in parent.iterdir():
            if not (is_backprop_lesson(entry.name) or entry.suffix == ".pth"):
                (shadow / entry.name).symlink_to(entry)
        lines.append(str(shadow))
    (site / "_parent_site.pth").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return python, site


def execute_in_fresh_kernel(nb_path: Path, workdir: Path, jupyter: Path, env: dict, stderr_file: Path):
    """노트북을 새 환경의 python 커널(kernel.json)에서 실행합니다. 커널의 stderr는 stderr_file로."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    nb = nbformat.read(nb_path, as_version=4)
    km = AsyncKernelManager(kernel_name=KERNEL,
                            kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(jupyter / "kernels")]))
    with open(stderr_file, "w", encoding="utf-8") as err:
        NotebookClient(nb, km=km, timeout=300, resources={"metadata": {"path": str(workdir)}}).execute(
            env=env, stderr=err)
    return nb


def probe(python: Path, env: dict) -> dict:
    return json.loads(run([python, "-c", PROBE], "새 환경 조사", env=env).stdout)


def test_chapter_runs_alone_in_a_fresh_env_and_installs_the_package_from_the_repo(tmp_path):
    t0 = time.perf_counter()
    git = shutil.which("git")
    assert git, "git이 없습니다: 설치 셀의 `pip install git+…`에 필요합니다"
    url = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]["url"]
    source_nb = ROOT / "book" / f"{CHAPTER}.ipynb"
    first = next(c for c in nbformat.read(source_nb, as_version=4).cells if c.cell_type == "code")
    assert f'REPO = "{url}"' in first.source, "첫 코드 셀이 _config.yml의 저장소에서 설치하지 않습니다"

    # GitHub 주소 → 이 체크아웃의 clone. 설정은 임시 파일에만 씁니다(사용자의 git 설정은 그대로).
    repo = tmp_path / "repo"
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text(f'[url "{repo.as_uri()}"]\n\tinsteadOf = {url}\n', encoding="utf-8")
    jupyter = tmp_path / "jupyter"
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV")}
    env.update(GIT_CONFIG_GLOBAL=str(gitconfig), GIT_CONFIG_NOSYSTEM="1", GIT_ALLOW_PROTOCOL="file",
               JUPYTER_PATH=str(jupyter), JUPYTER_RUNTIME_DIR=str(jupyter / "runtime"),
               IPYTHONDIR=str(tmp_path / "ipython"),
               # 설치 셀의 pip에만 닿는 두 설정(위 설명): 빌드 격리 없이, 설치 후 충돌 검사 없이.
               PIP_NO_BUILD_ISOLATION="0", PIP_NO_WARN_CONFLICTS="1")
    clone_this_checkout(git, repo, env)
    python, site = make_fresh_venv(tmp_path, env)
    env.update(VIRTUAL_ENV=str(python.parents[1]), PATH=f"{python.parent}{os.pathsep}{env.get('PATH', '')}")
    # 커널이 쓸 새 python을 절대 경로로 못박은 kernelspec(사용자의 python3 커널과 섞이지 않게).
    spec_dir = jupyter / "kernels" / KERNEL
    spec_dir.mkdir(parents=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "fresh venv", "language": "python"}), encoding="utf-8")

    # 실행 전: 새 환경에 backprop_lesson은 없고(모듈도 dist-info도), torch 등은 부모에서 옵니다.
    before = probe(python, env)
    assert Path(before["prefix"]) == python.parents[1], before
    assert before["backprop_lesson"] is None, f"새 환경이 backprop_lesson을 봅니다: {before['backprop_lesson']}"
    assert before["backprop_lesson_dist"] is None, "새 환경이 backprop-lesson의 dist-info를 봅니다"
    assert before["pip"], "새 환경에서 pip을 가져올 수 없습니다(부모 환경에 pip이 필요합니다)"
    # 빌드 격리를 끄므로 부모의 setuptools가 [build-system]의 요구를 만족해야 합니다(Colab은 격리 환경에 받음).
    build_requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    for req in map(Requirement, build_requires):
        assert req.specifier.contains(md.version(req.name)), f"부모 환경의 {req.name} {md.version(req.name)}: {req}"
    parents = [p.resolve() for p in parent_site_dirs()]
    for name in HEAVY:
        real = Path(before[name]["file"]).resolve()
        assert any(real.is_relative_to(p) for p in parents), f"{name}이 부모 site-packages 밖에 있습니다: {real}"
    site_before = {p.name for p in site.iterdir()}

    # Colab처럼: 노트북 하나만 있는 빈 폴더에서 실행. 실행 결과는 폴더 밖에 씁니다.
    work = tmp_path / "colab"
    work.mkdir()
    nb_path = work / source_nb.name
    shutil.copyfile(source_nb, nb_path)
    original = nb_path.read_bytes()
    kernel_log = tmp_path / "kernel-stderr.txt"
    t1 = time.perf_counter()
    nb = execute_in_fresh_kernel(nb_path, work, jupyter, env, kernel_log)
    t_exec = time.perf_counter() - t1
    # 설치 셀의 pip·git 출력은 커널 프로세스의 stderr로 옵니다. Colab에서는 독자에게 보이므로 비어 있어야 합니다.
    noise = [line for line in kernel_log.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("[IPKernelApp]")]
    assert not noise, "설치 셀이 stderr에 썼습니다:\n" + "\n".join(noise[:40])

    outs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    errors = [o for o in outs if o.output_type == "error"]
    assert not errors, "\n".join("\n".join(o.traceback) for o in errors)
    stderr = "".join(o.text for o in outs if o.output_type == "stream" and o.name == "stderr")
    # CI의 새 HOME에서 한 번 나오는 matplotlib 안내는 Colab(캐시가 있음)에서는 보이지 않습니다.
    stderr = stderr.replace("Matplotlib is building the font cache; this may take a moment.\n", "")
    assert not stderr, f"셀이 stderr에 썼습니다(독자에게 보입니다):\n{stderr}"

    # 원본의 줄이 모두, 같은 순서로, 글자 그대로 stdout에 있어야 합니다.
    stdout = "".join(o.text for o in outs if o.output_type == "stream" and o.name == "stdout")
    lines = iter(stdout.splitlines())
    for expected in golden_blocks()[CHAPTER].splitlines():
        assert any(line == expected for line in lines), f"원본의 줄이 없습니다: {expected!r}\n--- stdout ---\n{stdout}"

    # 설치 셀이 backprop_lesson만 새 venv에 넣었고 torch, numpy, matplotlib는 건드리지 않았습니다.
    added = sorted({p.name for p in site.iterdir()} - site_before)
    assert added and all(is_backprop_lesson(a) for a in added), f"새 venv에 설치된 것: {added}"
    assert not [p.name for p in site.iterdir() if p.name.lower().startswith(HEAVY)], "무거운 패키지를 다시 깔았습니다"
    after = probe(python, env)
    for name in HEAVY:
        assert after[name] == before[name], f"{name}이 바뀌었습니다: {before[name]} → {after[name]}"
    assert after["backprop_lesson"] and Path(after["backprop_lesson"]).is_relative_to(site), after
    assert after["backprop_lesson_dist"], "설치했는데 dist-info가 없습니다"

    # 단계별 보기(2장): 새 환경에서 만든 HTML이 저장된 출력(브라우저 검사가 인터넷 없이 여는 것)과 글자 그대로 같습니다.
    def stepper_html(cells):
        return [o["data"]["text/html"] for c in cells if c.cell_type == "code" and "backprop_stepper(" in c.source
                for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    stored = stepper_html(nbformat.read(source_nb, as_version=4).cells)
    assert stored and stepper_html(nb.cells) == stored

    # 노트북은 파일을 쓰지 않습니다: 폴더에는 (바뀌지 않은) 노트북 하나뿐.
    assert [p.name for p in work.rglob("*")] == [nb_path.name]
    assert nb_path.read_bytes() == original
    print(f"실행 {t_exec:.1f}s, 전체 {time.perf_counter() - t0:.1f}s")
