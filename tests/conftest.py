"""검사 공용 준비물: 빌드한 책, 그 책을 127.0.0.1에서 내주는 서버, 검사의 두 층과 실행 순서.

빠른 층(`pytest -m "not slow"`)은 빌드한 책, Chromium, 새 환경이 필요한 검사를 뺍니다.
빌드한 책(`built_html`)이나 서버(`site`)를 쓰는 검사에는 `slow` 표시가 저절로 붙습니다.
"""

from __future__ import annotations

import hashlib
import importlib.metadata as md
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))  # site_check: 검사와 도구가 함께 쓰는 서버와 Chromium
BUILD = ROOT / "_build"
HTML = BUILD / "html"
STAMP = BUILD / ".tests-build-stamp"
# 빌드의 입력: 이것들이 그대로이고 지난번 빌드 결과에 손댄 것이 없으면 다시 빌드하지 않습니다.
BUILD_INPUTS = ["_config.yml", "_toc.yml", "package-lock.json", "book", "node_modules/katex/package.json"]
BUILD_PACKAGES = ["jupyter-book", "sphinx", "sphinx-book-theme", "pydata-sphinx-theme", "myst-nb", "myst-parser",
                  "sphinxcontrib-katex"]
SLOW_FIXTURES = {"built_html", "site", "browser"}
# 오래 걸리는 묶음을 먼저 나눠 주면 CPU 2개가 끝까지 고르게 바쁩니다(--dist loadscope, 모듈 단위).
FIRST = ["tests/test_browser_pages.py", "tests/test_colab.py", "tests/test_learner_install.py", "book/06_batch.ipynb",
         "book/05_training_loop.ipynb"]


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "slow: 빌드한 책, Chromium, 새 환경이나 새 프로세스가 필요합니다(빠른 층 `pytest -m \"not slow\"`에서 빠짐)")
    config.addinivalue_line(
        "markers",
        "install: 새 가상 환경에 패키지를 설치하고 노트북을 실행합니다(Colab 흉내, 첫 페이지의 학습자용 설치). "
        "pyproject.toml의 addopts가 이 검사들을 빼고, .ci/run이 `pytest -m install`로 따로 돌립니다")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)

    def rank(item):
        path = item.nodeid.split("::")[0]
        return FIRST.index(path) if path in FIRST else len(FIRST)
    items.sort(key=rank)  # 안정 정렬: 한 모듈(노트북) 안의 순서는 그대로


def _files(entry: Path):
    if entry.is_dir():
        yield from sorted(p for p in entry.rglob("*")
                          if p.is_file() and "__pycache__" not in p.parts and ".ipynb_checkpoints" not in p.parts)
    elif entry.exists():
        yield entry


def _inputs_digest() -> str:
    h = hashlib.sha256()
    for entry in BUILD_INPUTS:
        for f in _files(ROOT / entry):
            h.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes() + b"\0")
    for name in BUILD_PACKAGES:
        h.update(f"{name}=={md.version(name)}\n".encode())
    return h.hexdigest()


def _outputs_digest() -> str:
    """빌드 결과 파일들의 이름, 크기, 수정 시각: 누가 그 사이 _build/html을 바꿨는지 알아봅니다."""
    h = hashlib.sha256()
    for f in _files(HTML):
        st = f.stat()
        h.update(f"{f.relative_to(HTML)} {st.st_size} {st.st_mtime_ns}\n".encode())
    return h.hexdigest()


@pytest.fixture(scope="session")
def built_html() -> Path:
    """README의 명령으로 책을 빌드한 _build/html. 입력이 지난 빌드 그대로면 빌드하지 않습니다.

    xdist 작업자 여럿이 같은 _build에 동시에 쓰지 않도록 파일 잠금 안에서 빌드하고,
    다른 작업자는 잠금이 풀린 뒤 도장(입력과 결과의 해시)을 보고 그대로 씁니다.
    """
    from filelock import FileLock

    BUILD.mkdir(exist_ok=True)
    with FileLock(str(BUILD / ".build.lock")):
        inputs = _inputs_digest()
        if not STAMP.exists() or STAMP.read_text(encoding="utf-8") != f"{inputs} {_outputs_digest()}":
            STAMP.unlink(missing_ok=True)
            # 언제나 깨끗하게: Sphinx의 증분 빌드는 바뀐 _static 파일(custom.css)을 덮어쓰지 않고 옛 목차를 남깁니다.
            for stale in (HTML, BUILD / ".doctrees"):
                shutil.rmtree(stale, ignore_errors=True)
            jb = Path(sys.executable).parent / "jupyter-book"
            subprocess.run([str(jb), "build", str(ROOT), "-W", "--keep-going", "-q"], check=True,
                           stdout=subprocess.DEVNULL)
            STAMP.write_text(f"{inputs} {_outputs_digest()}", encoding="utf-8")
    return HTML


@pytest.fixture(scope="session")
def site(built_html):
    """빌드한 책을 127.0.0.1의 빈 포트에서 정적 호스트처럼(gzip, MIME, 404) 내줍니다: tools/site_check.py."""
    from site_check import serve

    with serve(built_html) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian의 Chromium(동기 Playwright). 한 페이지를 눌러 가며 보는 검사(2장의 단계별 보기)가 씁니다.

    없으면 건너뛰지 않고 실패합니다(.ci/run이 설치합니다).
    """
    from site_check import CHROME, CHROMIUM_ARGS

    assert Path(CHROME).exists(), f"{CHROME}이 없습니다: apt-get install chromium (.ci/run 참고)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROME, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def offline_tab(browser):
    """어떤 요청도 나가지 못하는 빈 탭 하나(모듈의 검사들이 함께 씁니다: 새 탭마다 렌더러 프로세스를 띄우지 않게).

    page.route가 모든 요청을 가로채 막고 적습니다. (page, problems): problems에는 콘솔 오류, 스크립트 오류, 막힌 요청.
    """
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    def refuse(route):
        problems.append(route.request.url)
        route.abort()

    page.route("**/*", refuse)
    yield page, problems
    context.close()


class Visit:
    """한 페이지를 열고, 그동안 생긴 콘솔 오류, 실패한 요청, 127.0.0.1 밖으로 나가려던 요청을 모읍니다.

    바깥 요청은 브라우저의 실행 옵션(site_check.CHROMIUM_ARGS)이 막고, 실패한 요청으로 잡힙니다.
    """

    def __init__(self, browser, site: str, path: str):
        from _browser import failed

        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.problems: list[str] = []
        p, problems = self.page, self.problems
        p.on("console", lambda m: problems.append(f"콘솔: {m.text}") if m.type == "error" else None)
        p.on("pageerror", lambda e: problems.append(f"스크립트 오류: {e}"))
        p.on("requestfailed", lambda r: problems.append(failed(r.url)))
        p.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
        p.goto(f"{site}/{path}", wait_until="load")


@pytest.fixture
def visit(browser, site):
    opened: list[Visit] = []

    def open_page(path: str) -> Visit:
        opened.append(Visit(browser, site, path))
        return opened[-1]

    yield open_page
    for v in opened:
        v.context.close()
