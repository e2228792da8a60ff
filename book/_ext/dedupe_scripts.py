"""같은 <script>가 한 페이지에 두 번 들어가지 않게 하는 작은 Sphinx 확장.

Jupyter Book 1(sphinx-thebe)은 ``const THEBE_JS_URL = …`` 인라인 스크립트를 두 번 넣어
모든 페이지의 콘솔에 "Identifier 'THEBE_JS_URL' has already been declared" 오류가 납니다.
페이지를 쓰기 직전에 완전히 같은 스크립트(주소와 속성, 본문이 같은 것)를 하나만 남깁니다.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx


def _dedupe(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
            doctree: Any) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for js in scripts:
        # 인라인 스크립트는 파일 이름이 None이기도 ''이기도 합니다: 같은 것으로 봅니다.
        key = (getattr(js, "filename", js) or "",
               tuple(sorted((k, str(v)) for k, v in getattr(js, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(js)
    scripts[:] = unique


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("html-page-context", _dedupe, priority=900)  # 다른 확장이 스크립트를 다 넣은 뒤
    return {"parallel_read_safe": True, "parallel_write_safe": True}
