"""MathJax를 CDN이 아니라 사이트 자신에서 내려받게 하는 작은 Sphinx 확장.

MathJax는 npm의 ``mathjax`` 패키지(package.json에 고정, ``npm ci``로 설치)에서 가져와
빌드가 끝난 뒤 ``_build/html/_static/mathjax/``로 복사합니다. 원본(source) 쪽 ``_static/``에
두지 않으므로 Jupyter Book 1이 그 .js 파일들을 모든 페이지에 끼워 넣지 않고, 각 페이지는
``mathjax_path``가 가리키는 ``tex-chtml.js`` 하나만 불러옵니다. 인터넷 없이도 수식이 보입니다.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

# tex-chtml.js와, 그것이 필요할 때 불러오는 TeX 확장·글꼴·메뉴(음성 엔진 sre는 빼고)
PARTS = ["tex-chtml.js", "input", "output", "ui", "a11y", "adaptors", "LICENSE"]


def _mathjax_dir(app: Sphinx) -> Path:
    return Path(app.confdir) / "node_modules" / "mathjax" / "es5"


def _check_installed(app: Sphinx) -> None:
    if not (_mathjax_dir(app) / "tex-chtml.js").is_file():
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


def setup(app: Sphinx) -> dict[str, object]:
    app.config.mathjax_path = "mathjax/tex-chtml.js"  # _static/ 기준
    app.connect("builder-inited", _check_installed)
    app.connect("build-finished", _copy)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
