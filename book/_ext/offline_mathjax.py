"""MathJax를 CDN이 아니라 사이트 자신에서 내려받게 하는 작은 Sphinx 확장.

MathJax는 npm의 ``mathjax`` 패키지(package.json에 고정, ``npm ci``로 설치)에서 가져와
빌드가 끝난 뒤 ``_build/html/_static/mathjax/``로 복사합니다. 원본(source) 쪽 ``_static/``에
두지 않으므로 Jupyter Book 1이 그 .js 파일들을 모든 페이지에 끼워 넣지 않고, 각 페이지는
``mathjax_path``가 가리키는 ``startup.js``에서 시작합니다. 인터넷 없이도 수식이 보입니다.

``tex-chtml.js``(모든 것을 한 파일에 묶은 것, 1.1 MB, gzip 260 KB) 대신 ``startup.js``가 필요한 부분만
불러옵니다: TeX 입력, CHTML 출력과 TeX 글꼴, 화면 읽기 프로그램을 위한 숨은 MathML(assistive-mml).
묶음에 든 오른쪽 클릭 메뉴(ui/menu, 430 KB, gzip 110 KB)는 빼므로 첫 방문이 가볍고 브라우저가
해석할 스크립트도 절반 아래로 줄어듭니다. 수식의 모양은 같습니다.
스크립트는 ``defer``로 불러와(Sphinx 기본값) 첫 화면을 그리는 것을 막지 않습니다.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

# startup.js와 core.js, 그리고 필요할 때 불러오는 TeX 확장·출력·글꼴(음성 엔진 sre는 빼고)
PARTS = ["startup.js", "core.js", "input", "output", "a11y", "LICENSE"]
# startup.js가 불러올 부분(core는 각 부분이 필요로 해 저절로 먼저 불러옵니다)
LOAD = ["input/tex", "output/chtml", "a11y/assistive-mml"]


def _mathjax_dir(app: Sphinx) -> Path:
    return Path(app.confdir) / "node_modules" / "mathjax" / "es5"


def _check_installed(app: Sphinx) -> None:
    if not (_mathjax_dir(app) / "startup.js").is_file():
        raise ExtensionError(
            f"MathJax가 없습니다: {_mathjax_dir(app)}. 저장소 루트에서 'npm ci'를 먼저 실행하세요.")


def _copy(app: Sphinx, exc: Exception | None) -> None:
    if exc is not None or app.builder.format != "html":
        return
    src, dest = _mathjax_dir(app), Path(app.outdir) / "_static" / "mathjax"
    for part in PARTS:
        source = src / part if part != "LICENSE" else src.parent / "LICENSE"
        if source.is_dir():
            shutil.copytree(source, dest / part, dirs_exist_ok=True)
        else:
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / part)


def _configure(app: Sphinx, config) -> None:
    # 다른 확장(myst)이 넣는 options는 그대로 두고 loader만 더합니다.
    settings = dict(config.mathjax3_config or {})
    settings["loader"] = {**settings.get("loader", {}), "load": LOAD}
    config.mathjax3_config = settings


def setup(app: Sphinx) -> dict[str, object]:
    app.config.mathjax_path = "mathjax/startup.js"  # _static/ 기준
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _check_installed)
    app.connect("build-finished", _copy)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
