"""책 페이지가 첫 방문에 내려받는 것을 줄이는 Sphinx 확장(테마 파일은 고치지 않습니다).

잰 것(Lighthouse 모바일, tools/lighthouse.py)에서 가장 비싼 것부터:

* **Font Awesome JS**(``fontawesome.js``, 1.45 MB, gzip 530 KB): pydata-sphinx-theme가 모든 아이콘을
  SVG로 바꾸려고 모든 페이지에 넣습니다. 테마의 CSS에는 같은 아이콘을 웹 글꼴로 그리는 규칙이 이미 있으므로
  스크립트를 빼고, 글꼴은 실제로 쓰는 아이콘(약 40개)만 남긴 부분 집합(WOFF, 각 몇 KB)으로 바꿉니다.
  부분 집합은 빌드가 끝날 때 만든 HTML·JS·CSS에서 쓰인 아이콘을 찾아 fontTools로 만듭니다.
* **검색 스크립트**: 테마는 '입력하며 검색(search_as_you_type)'을 위해 모든 페이지의 머리말에
  searchtools.js, language_data.js, searchindex.js를 (렌더링을 막는 방식으로) 넣습니다. 이 책은 그 기능을
  끄고 search.html에서 검색하므로(한국어 검색, korean_search.py) 다른 페이지에서는 뺍니다.
* **렌더링을 막는 스크립트**: 머리말의 외부 스크립트에 ``defer``를 붙입니다(순서는 그대로).
  ``documentation_options.js``는 바로 뒤의 인라인 스크립트가 쓰고, 검색 페이지는 본문의 searchindex.js가
  searchtools.js를 바로 부르므로 그대로 둡니다.
* **이어지는 기다림**: 테마의 theme.css가 @import하는 basic.css를 ``<link rel="preload">``로 미리 받습니다.
* **쓰지 않는 파일**: Thebe(라이브 코드)를 켜지 않았으면 그 CSS/JS를, 페이지에 sphinx-design 요소나
  접는 요소가 없으면 그 CSS/JS를 그 페이지에서 뺍니다.

틀(template)은 ``book/_ext/templates/layout.html`` 하나이고, 테마의 틀을 ``super()``로 그대로 쓴 뒤
위의 걸러 내기만 합니다.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
ICON_DIR = "icons"  # _static/ 아래
# (글꼴 모음 이름, 굵기, 테마가 주는 TTF 파일) — pydata-sphinx-theme의 Font Awesome 6 Free
ICON_FONTS = [
    ("Font Awesome 6 Free", 900, "fa-solid-900"),
    ("Font Awesome 6 Free", 400, "fa-regular-400"),
    ("Font Awesome 6 Brands", 400, "fa-brands-400"),
]
THEME_WEBFONTS = Path("_static") / "vendor" / "fontawesome" / "webfonts"
THEME_CSS = Path("_static") / "styles" / "pydata-sphinx-theme.css"

_FONTAWESOME_JS = re.compile(r'\s*<script\b[^>]*\bsrc="[^"]*/fontawesome\.js[^"]*"[^>]*>\s*</script>')
_SEARCH_JS = re.compile(
    r'\s*<script\b[^>]*\bsrc="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)'
    r'[^"]*"[^>]*>\s*</script>')
# 아이콘 이름 → 글자: ".fa-rocket:before{content:"\f135"}" (별명은 쉼표로 이어짐)
_ICON_RULE = re.compile(r'((?:\.fa-[\w-]+::?before,?)+)\{content:"\\([0-9a-fA-F]{4,5})"\}')
_ICON_NAME = re.compile(r"\bfa-([a-z0-9]+(?:-[a-z0-9]+)*)")
# 글자는 CSS 이스케이프("\f107")로도, 글자 그대로(U+F058)로도 쓰입니다.
_PRIVATE_USE = re.compile(r'"(?:\\([eEfF][0-9a-fA-F]{3})|([\uE000-\uF8FF]))"')
_CLASS_TOKENS = re.compile(r'class="([^"]*)"')


def lean_head(html: str, pagename: str = "", search_as_you_type: Any = False) -> str:
    """테마의 머리말 HTML에서 fontawesome.js와 (검색 페이지가 아니면) 검색 스크립트를 뺍니다."""
    html = _FONTAWESOME_JS.sub("", html)
    if pagename != "search" and str(search_as_you_type).lower() not in ("true", "1"):
        html = _SEARCH_JS.sub("", html)
    return html


def _add_templates(app: Sphinx, config: Config) -> None:
    config.templates_path = [str(TEMPLATES), *config.templates_path]


def _register_filter(app: Sphinx) -> None:
    env = getattr(getattr(app.builder, "templates", None), "environment", None)
    if env is not None:
        env.filters["lean_head"] = lean_head


def _classes(body: str) -> set[str]:
    return {c for attr in _CLASS_TOKENS.findall(body) for c in attr.split()}


def _thebe_enabled(app: Sphinx) -> bool:
    launch = (app.config.html_theme_options or {}).get("launch_buttons", {}) or {}
    return bool(launch.get("thebe")) or bool((getattr(app.config, "thebe_config", {}) or {}).get("always_load"))


def _name(asset: Any) -> str:
    """'_static/sphinx-thebe.css?v=…' → 'sphinx-thebe.css' (인라인 스크립트는 '')"""
    return str(getattr(asset, "filename", asset) or "").split("?")[0].rsplit("/", 1)[-1]


def _trim_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: Any) -> None:
    classes = _classes(context.get("body", ""))
    drop_js, drop_css = set(), set()
    if not _thebe_enabled(app):
        drop_js.add("sphinx-thebe.js")
        drop_css.add("sphinx-thebe.css")
    if not any(c.startswith("sd-") for c in classes):
        drop_js.add("design-tabs.js")
        drop_css.add("sphinx-design.min.css")
    # togglebutton.js의 선택자는 '.toggle, .admonition.dropdown'입니다
    if not classes & {"toggle", "dropdown", "toggle-details"}:
        drop_js.add("togglebutton.js")
        drop_css.add("togglebutton.css")

    scripts = []
    for js in context.get("script_files", []):
        name = _name(js)
        body = getattr(js, "attributes", {}).get("body", "")
        if name in drop_js:
            continue
        if not name and "sphinx-thebe.js" in drop_js and body.startswith("const THEBE_JS_URL"):
            continue
        if not name and "togglebutton.js" in drop_js and ("toggleHint" in body or "toggleOpenOnPrint" in body
                                                          or "togglebuttonSelector" in body):
            continue
        attrs = dict(getattr(js, "attributes", {}))
        # 검색 페이지의 본문에는 searchindex.js가 searchtools.js를 바로 부르므로 그 페이지는 그대로 둡니다.
        if (name and pagename != "search" and not name.endswith("documentation_options.js")
                and not {"async", "defer"} & set(attrs) and attrs.get("type") != "module"):
            attrs["defer"] = "defer"
            js = type(js)(js.filename, priority=js.priority, **attrs)
        scripts.append(js)
    context["script_files"][:] = scripts
    if "css_files" in context:
        context["css_files"][:] = [c for c in context["css_files"] if _name(c) not in drop_css]
    # 테마의 theme.css는 basic.css를 @import합니다: 그대로면 HTML → theme.css → basic.css로 한 번 더 기다립니다.
    theme_css = Path(app.outdir) / "_static" / "styles" / "theme.css"
    imports_basic = theme_css.is_file() and "basic.css" in theme_css.read_text(encoding="utf-8")
    context["lean_preload_css"] = ["_static/basic.css"] if imports_basic else []
    context["lean_icon_faces"] = [
        {"family": family, "weight": weight, "path": f"{ICON_DIR}/{stem}.woff"}
        for family, weight, stem in ICON_FONTS]


def used_icon_codepoints(outdir: Path) -> set[int]:
    """빌드한 사이트가 실제로 쓰는 Font Awesome 글자들.

    1. HTML과 JS에 나오는 ``fa-이름`` 클래스 → 테마 CSS의 ``.fa-이름:before{content:"\\f…"}``로 글자를 찾고,
    2. 테마 CSS가 ``::before/::after``에 직접 쓰는 글자(``--pst-icon-…`` 변수, 예: 주의 상자 아이콘)를 더합니다.
    """
    css_files = [p for p in (outdir / "_static").rglob("*.css") if "mathjax" not in p.parts]
    names: dict[str, int] = {}
    extra: set[int] = set()
    for css_file in css_files:
        css = css_file.read_text(encoding="utf-8", errors="replace")
        for selectors, code in _ICON_RULE.findall(css):
            for name in re.findall(r"\.fa-([\w-]+)::?before", selectors):
                names[name] = int(code, 16)
        extra |= {int(code, 16) if code else ord(char)
                  for code, char in _PRIVATE_USE.findall(_ICON_RULE.sub("", css))}
    if not names:
        raise ExtensionError(f"lean_theme: no Font Awesome icon rules found in {outdir / THEME_CSS}; "
                             "the theme changed, update book/_ext/lean_theme.py")
    used = set()
    pages = list(outdir.rglob("*.html"))
    scripts = [p for p in (outdir / "_static").rglob("*.js")
               if "mathjax" not in p.parts and p.name != "fontawesome.js"]
    for f in pages + scripts:
        used |= set(_ICON_NAME.findall(f.read_text(encoding="utf-8", errors="replace")))
    return {names[n] for n in used if n in names} | extra


def _subset_icon_fonts(app: Sphinx, exc: Exception | None) -> None:
    if exc is not None or app.builder.format != "html":
        return
    from fontTools import subset

    outdir = Path(app.outdir)
    codepoints = used_icon_codepoints(outdir)
    dest = outdir / "_static" / ICON_DIR
    dest.mkdir(parents=True, exist_ok=True)
    for _family, _weight, stem in ICON_FONTS:
        source = outdir / THEME_WEBFONTS / f"{stem}.ttf"
        if not source.is_file():
            raise ExtensionError(f"lean_theme: the theme's icon font {source} is missing")
        options = subset.Options()
        options.flavor = "woff"  # woff2에는 brotli가 필요합니다; woff(zlib)도 이 크기에서는 몇 KB입니다
        options.layout_features = []
        options.name_IDs = ["*"]  # 글꼴 이름과 라이선스 표기는 남깁니다
        options.notdef_outline = True
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(codepoints))
        subsetter.subset(font)
        subset.save_font(font, str(dest / f"{stem}.woff"), options)
    logger.info(f"lean_theme: Font Awesome subset with {len(codepoints)} icons in _static/{ICON_DIR}/")


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("config-inited", _add_templates)
    app.connect("builder-inited", _register_filter)
    app.connect("html-page-context", _trim_assets, priority=950)  # 다른 확장이 파일을 다 넣은 뒤
    app.connect("build-finished", _subset_icon_fonts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
