"""페이지마다 검색 엔진과 브라우저가 쓰는 정보를 채우는 작은 Sphinx 확장.

* ``<meta name="description">``: 장의 '목표' 상자(``이 장의 목표``/``이 부록의 목표``)의 글, 없으면 본문의
  첫 문단에서 만듭니다. 페이지가 이미 설명을 가졌으면(MyST 머리말의 ``html_meta``) 그대로 둡니다.
  노트북을 고치지 않아도 장마다 다른 설명이 생깁니다.
* 본문 그림: ``width``/``height``(파일의 픽셀 크기, 자리를 미리 잡아 레이아웃이 밀리지 않게)와
  ``decoding="async"``를 붙입니다. ``page_meta_lazy_images = True``이면 ``loading="lazy"``도 붙여 화면 밖의
  그림은 스크롤해 닿을 때 내려받습니다. 기본은 끔: 브라우저 검사가 스크롤하지 않고 모든 그림이 읽혔는지
  보고, 길 찾기 검사는 읽는 중인 요청이 다음 페이지로 넘어가며 끊기는 것을 실패로 셉니다.
* ``html_favicon``이 .ico이면 사이트 맨 위에도 ``/favicon.ico``로 둡니다(링크가 없는 페이지, 예:
  첫 주소의 index.html에서 브라우저가 찾는 곳).
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

import imagesize
from docutils import nodes
from sphinx.application import Sphinx

MAX_DESCRIPTION = 200  # 검색 결과에 보이는 길이를 조금 넘는 정도
GOAL_TITLE = re.compile(r"목표")
# 설명 글에 들어가는 수식: 흔한 기호는 글자로, 나머지 명령은 떼어 냅니다($\hat{y}$ → ŷ).
TEX_SYMBOLS = {r"\hat{y}": "ŷ", r"\eta": "η", r"\partial": "∂", r"\varepsilon": "ε", r"\epsilon": "ε",
               r"\theta": "θ", r"\times": "×", r"\cdot": "·", r"\sigma": "σ", r"\to": "→",
               r"\ldots": "…", r"\dots": "…", r"\,": " ", r"\ ": " "}
_IMG = re.compile(r"<img\b([^>]*?)\s*/?>")


def tex_to_text(tex: str) -> str:
    for command, symbol in TEX_SYMBOLS.items():
        tex = tex.replace(command, symbol)
    tex = re.sub(r"\\[a-zA-Z]+\s*", "", tex)
    return re.sub(r"[{}]", "", tex).strip()


def node_text(node: nodes.Node) -> str:
    parts = []
    for child in node.findall(lambda n: isinstance(n, (nodes.Text, nodes.math))):
        if isinstance(child, nodes.math):
            parts.append(tex_to_text(child.astext()))
        elif not any(isinstance(p, nodes.math) for p in _parents(child)):
            parts.append(child.astext())
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _parents(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def shorten(text: str, limit: int = MAX_DESCRIPTION) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:·—-") + "…"


def describe(doctree: nodes.document) -> str:
    """목표 상자의 글, 없으면 표·상자·캡션 밖의 첫 문단."""
    for admonition in doctree.findall(nodes.Admonition):
        title = next(iter(admonition.findall(nodes.title)), None)
        if title is not None and GOAL_TITLE.search(title.astext()):
            text = " ".join(node_text(p) for p in admonition.findall(nodes.paragraph))
            if text:
                return shorten(text)
    for paragraph in doctree.findall(nodes.paragraph):
        if not any(isinstance(p, (nodes.Admonition, nodes.table, nodes.caption, nodes.footnote,
                                  nodes.sidebar, nodes.topic)) for p in _parents(paragraph)):
            text = node_text(paragraph)
            if text:
                return shorten(text)
    return ""


def _add_description(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                     doctree: Any) -> None:
    if doctree is None or 'name="description"' in context.get("metatags", ""):
        return
    text = describe(doctree)
    if text:
        context["metatags"] = (context.get("metatags", "")
                               + f'\n    <meta name="description" content="{html.escape(text)}" />')


def _image_sizes(app: Sphinx) -> dict[str, tuple[int, int]]:
    """'_images/이름.png' → (폭, 높이). 그림은 페이지를 다 쓴 뒤에 복사되므로 원본에서 잽니다."""
    sizes = {}
    for source, name in getattr(app.builder, "images", {}).items():
        try:
            width, height = imagesize.get(str(Path(app.srcdir) / source))
        except (OSError, ValueError):
            continue
        if width > 0 and height > 0:
            sizes[f"{app.builder.imagedir}/{name}"] = (width, height)
    return sizes


def _size_images(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: Any) -> None:
    body = context.get("body")
    if not body or "<img" not in body:
        return
    sizes = _image_sizes(app)

    def fix(match: re.Match) -> str:
        attrs = match.group(1)
        src = re.search(r'\ssrc="([^"]+)"', attrs)
        if src and not re.search(r"\s(width|height)=", attrs):
            key = re.sub(r"^(\.\./)+", "", src.group(1))
            if key in sizes:
                w, h = sizes[key]
                attrs += f' width="{w}" height="{h}"'
        if app.config.page_meta_lazy_images and not re.search(r"\sloading=", attrs):
            attrs += ' loading="lazy"'
        if not re.search(r"\sdecoding=", attrs):
            attrs += ' decoding="async"'
        return f"<img{attrs} />"

    context["body"] = _IMG.sub(fix, body)


def _favicon_at_root(app: Sphinx, exc: Exception | None) -> None:
    favicon = app.config.html_favicon
    if exc is not None or app.builder.format != "html" or not favicon or "://" in favicon:
        return
    source = Path(app.confdir) / favicon
    if source.suffix == ".ico" and source.is_file():
        shutil.copyfile(source, Path(app.outdir) / "favicon.ico")


def setup(app: Sphinx) -> dict[str, object]:
    app.add_config_value("page_meta_lazy_images", False, "html", bool)
    app.connect("html-page-context", _add_description)
    app.connect("html-page-context", _size_images)
    app.connect("build-finished", _favicon_at_root)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
