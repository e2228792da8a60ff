"""테마(sphinx-book-theme, pydata-sphinx-theme)에 대는 패치를 한곳에. 테마 파일은 고치지 않습니다.

패치마다 그것이 멈추면 실패하는 검사가 tests/test_theme_patches.py에 있습니다. KaTeX 글꼴을 빠짐없이 미리 받는지는
첫 방문을 재는 tools/lighthouse.py가 검사합니다(.ci/run이 돌림).

1. **Font Awesome JS를 빼고 아이콘 글꼴은 부분 집합으로.** 테마는 모든 페이지에 fontawesome.js(gzip 530 KB)를
   넣어 아이콘을 SVG로 바꿉니다. 테마 CSS에 같은 아이콘을 웹 글꼴로 그리는 규칙이 이미 있으므로 스크립트를 빼고,
   글꼴은 빌드한 사이트가 쓰는 아이콘만 남긴 WOFF(fontTools)로 바꿉니다(templates/layout.html의 @font-face).
2. **쓰지 않는 것과 렌더링을 막는 것.** 검색 스크립트는 search.html에만(입력하며 검색은 끔), Thebe를 켜지 않았으면
   그 CSS/JS와 인라인 스크립트를, sphinx-design이나 접는 요소가 없는 페이지에서는 그 CSS/JS를 뺍니다. 머리말의 외부
   스크립트에는 defer를 붙이고, 뒤의 인라인 스크립트가 쓰는 documentation_options.js는 본문을 그대로 넣습니다.
   페이지의 스타일시트(테마의 것 포함)는 차례 그대로 이은 묶음 하나로 받고(_bundle), 그 묶음에서 빌드한 사이트의
   HTML과 JS에 나오지 않는 규칙은 PurgeCSS(npm)로 뺍니다(_purge). 수식이 있는 페이지는 글 속 수식의
   두 글꼴과, 첫 방문에 배치되는 수식이 쓰는 KaTeX 글꼴을 미리 받습니다(preload, KATEX_FONTS).
3. **페이지의 설명과 그림 크기.** ``<meta name="description">``은 '…의 목표' 상자의 글(없으면 첫 문단)에서,
   본문 그림에는 파일의 픽셀 크기(width/height: 레이아웃이 밀리지 않게), decoding="async", loading="lazy"(화면에
   닿을 때 받음: 전화에서 첫 방문에 받는 양이 그만큼 줄어듭니다)를 붙입니다.

이 패치는 아래 WRITTEN_FOR의 판에 맞춰 썼습니다. 다른 판이 설치되면 빌드가 경고합니다(-W이면 실패): 테마의 파일 이름,
아이콘 규칙, 틀의 블록이 그대로인지 tests/test_theme_patches.py를 돌려 보고 WRITTEN_FOR를 고치세요.
"""

from __future__ import annotations

import atexit
import hashlib
import html
import importlib.metadata
import posixpath
import re
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import imagesize
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

WRITTEN_FOR = {"sphinx": "7.4.7", "pydata-sphinx-theme": "0.17.1", "sphinx-book-theme": "1.3.0",
               "sphinx-thebe": "0.3.1", "sphinx-togglebutton": "0.4.5", "sphinx-design": "0.8.0"}
ICON_FONTS = [("Font Awesome 6 Free", 900, "fa-solid-900"), ("Font Awesome 6 Free", 400, "fa-regular-400"),
              ("Font Awesome 6 Brands", 400, "fa-brands-400")]  # (글꼴 모음, 굵기, 테마의 TTF)
WEBFONTS = Path("_static") / "vendor" / "fontawesome" / "webfonts"

_FONTAWESOME_JS = re.compile(r'\s*<script\b[^>]*\bsrc="[^"]*/fontawesome\.js[^"]*"[^>]*>\s*</script>')
# 테마가 틀에서 넣는 스타일시트(theme.css는 ../basic.css를 @import할 뿐): _bundle이 묶음 맨 앞에 넣습니다.
THEME_CSS = ["_static/basic.css", "_static/styles/pydata-sphinx-theme.css"]
_THEME_CSS = re.compile(r'\s*<link\b[^>]*href="[^"]*_static/styles/(?:theme|pydata-sphinx-theme)\.css[^"]*"[^>]*>')
_SEARCH_JS = re.compile(r'\s*<script\b[^>]*\bsrc="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|'
                        r'searchindex\.js)[^"]*"[^>]*>\s*</script>')
_ICON_RULE = re.compile(r'((?:\.fa-[\w-]+::?before,?)+)\{content:"\\([0-9a-fA-F]{4,5})"\}')  # .fa-x:before{…}
_ICON_NAME = re.compile(r"\bfa-([a-z0-9]+(?:-[a-z0-9]+)*)")
_PRIVATE_USE = re.compile(r'"(?:\\([eEfF][0-9a-fA-F]{3})|([\uE000-\uF8FF]))"')  # CSS가 직접 쓰는 아이콘 글자
BUNDLES: dict[str, list[str]] = {}  # 묶음 파일 이름 → 이을 파일들(_static/…): 페이지를 쓰는 프로세스 하나에 모읍니다
_IMG = re.compile(r"<img\b([^>]*?)\s*/?>")
# KaTeX 글꼴 → 그 글꼴로 그려지는 KaTeX HTML의 정규식(katex.css의 font-family 규칙). 첫 방문에 배치되는 부분
# (_laid_out_first)에 맞는 것이 있으면 미리 받습니다. 글 속 수식이 쓰는 둘(KATEX_TEXT_FONTS)은 페이지 어디에든 있으면
# 받습니다(둘째 절 뒤의 제목 속 수식처럼 미루지 않는 곳에도 나옵니다).
KATEX_TEXT_FONTS = ("Main-Regular", "Math-Italic")
KATEX_FONTS = {
    "Main-Regular": 'class="katex"',
    "Math-Italic": r'class="[^"]*\bmathnormal\b',
    "Typewriter-Regular": r'class="[^"]*\b(?:texttt|mathtt)\b',
    "Main-Bold": r'class="[^"]*\b(?:mathbf|textbf)\b',
    "Size1-Regular": r'class="(?:delimsizing size1|mop op-symbol small-op|delimsizinginner delim-size1)',
    "Size2-Regular": r'class="(?:delimsizing size2|mop op-symbol large-op)',
    "Size3-Regular": r'class="delimsizing size3',
    "Size4-Regular": r'class="(?:delimsizing size4|delimsizinginner delim-size4)',
}
TEX_SYMBOLS = {r"\hat{y}": "ŷ", r"\eta": "η", r"\partial": "∂", r"\varepsilon": "ε", r"\theta": "θ",
               r"\times": "×", r"\cdot": "·", r"\sigma": "σ", r"\to": "→", r"\dots": "…", r"\,": " "}


def _check_versions(app: Sphinx) -> None:
    for name, version in WRITTEN_FOR.items():
        installed = importlib.metadata.version(name)
        if installed != version:
            logger.warning(f"theme_patches: written for {name} {version}, installed {installed}; "
                           "run tests/test_theme_patches.py and update WRITTEN_FOR in book/_ext/theme_patches.py")


def _start_katex_server(app: Sphinx) -> None:
    """KaTeX의 node 서버를 유닉스 소켓으로 띄우고, 서버가 받을 때까지 접속을 되풀이합니다.

    sphinxcontrib-katex 0.9.11은 서버의 소켓 파일이 생기자마자 한 번만 접속합니다. 서버가 아직 listen하기 전이면
    (컴퓨터가 바쁠 때: 검사 명령에서 새 저장소의 첫 빌드가 그렇게 멈췄습니다) 빌드가 ConnectionRefusedError로 멈춥니다.
    그 패키지의 TCP 길(Windows용)은 다시 접속하지만, 길이와 본문을 따로 보내는 요청마다 Nagle 알고리즘과 지연 ACK가
    약 40 ms씩 멈춰(수식 하나에 44 ms, 유닉스 소켓은 1 ms) 책 빌드가 85 s 걸렸습니다. 그래서 유닉스 소켓에 다시 접속하는
    이 길을 씁니다(패키지의 명령 그대로).
    """
    from sphinxcontrib.katex import STARTUP_TIMEOUT, KaTeXServer

    if not app.config.katex_prerender or KaTeXServer.katex_server is not None:
        return
    rundir = Path(tempfile.mkdtemp(prefix="sphinxcontrib_katex"))
    path = rundir / "katex.sock"
    process = subprocess.Popen(KaTeXServer.build_command(socket=path), stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, cwd=rundir)
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(str(path))
            break
        except (FileNotFoundError, ConnectionRefusedError) as refused:  # 소켓 파일이 아직 없거나, listen 전
            sock.close()
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise ExtensionError(f"theme_patches: the KaTeX server did not start within {STARTUP_TIMEOUT} s") \
                    from refused
            time.sleep(0.01)
    KaTeXServer.katex_server = KaTeXServer(rundir, process, sock)
    atexit.register(KaTeXServer.terminate, KaTeXServer.katex_server)


def _register_filter(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None:  # HTML 빌더만 Jinja 틀을 씁니다
        environment.filters["lean_head"] = lean_head


def lean_head(head: str, pagename: str = "", search_as_you_type: Any = False) -> str:
    """머리말에서 fontawesome.js, 테마의 스타일시트(묶음에 들어감), (검색 페이지가 아니면) 검색 스크립트를 뺍니다."""
    head = _THEME_CSS.sub("", _FONTAWESOME_JS.sub("", head))
    if pagename != "search" and str(search_as_you_type).lower() not in ("true", "1"):
        head = _SEARCH_JS.sub("", head)
    return head


def _name(asset: Any) -> str:
    """'_static/sphinx-thebe.css?v=…' → 'sphinx-thebe.css' (인라인 스크립트는 '')"""
    return str(getattr(asset, "filename", asset) or "").split("?")[0].rsplit("/", 1)[-1]


def _trim_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    classes = {c for attr in re.findall(r'class="([^"]*)"', context.get("body", "")) for c in attr.split()}
    launch = (app.config.html_theme_options or {}).get("launch_buttons", {}) or {}
    drop, inline = set(), set()  # 뺄 파일들, 뺄 인라인 스크립트에 든 낱말들
    if not launch.get("thebe"):
        drop |= {"sphinx-thebe.js", "sphinx-thebe.css"}
        inline |= {"THEBE_JS_URL"}
    if not any(c.startswith("sd-") for c in classes):
        drop |= {"design-tabs.js", "sphinx-design.min.css"}
    if not classes & {"toggle", "dropdown", "toggle-details"}:  # togglebutton.js의 선택자
        drop |= {"togglebutton.js", "togglebutton.css"}
        inline |= {"toggleHint", "toggleOpenOnPrint", "togglebuttonSelector"}
    scripts = []
    for js in context.get("script_files", []):
        name, attrs = _name(js), dict(getattr(js, "attributes", {}))
        if name in drop or (not name and any(word in attrs.get("body", "") for word in inline)):
            continue
        if name == "documentation_options.js":  # 뒤의 인라인 스크립트가 쓰는 작은 파일: 기다리지 않게 본문을 넣습니다
            source = Path(app.outdir) / str(js.filename).split("?")[0]
            js = type(js)("", priority=js.priority, body=source.read_text(encoding="utf-8").strip())
        elif (name and pagename != "search"
                and not {"async", "defer"} & set(attrs) and attrs.get("type") != "module"):
            js = type(js)(js.filename, priority=js.priority, **attrs, defer="defer")
        scripts.append(js)
    context["script_files"][:] = scripts
    context["css_files"][:] = _bundle(app, [c for c in context.get("css_files", []) if _name(c) not in drop])
    # 첫 방문에 배치되는 수식이 쓰는 KaTeX 글꼴을 스타일시트와 함께 받기 시작합니다. 늦게 오면 글이나 표의 폭이 바뀌어
    # 아래가 밀립니다(2장 첫 문단 CLS 0.14, 용어집의 표는 네 번에 한 번 0.049).
    body = context.get("body", "")
    first = _laid_out_first(body)
    context["lean_preload_fonts"] = [f"_static/fonts/KaTeX_{font}.woff2" for font, used in KATEX_FONTS.items()
                                     if re.search(used, body if font in KATEX_TEXT_FONTS else first)]
    context["lean_icon_faces"] = [{"family": f, "weight": w, "path": f"icons/{stem}.woff"} for f, w, stem in ICON_FONTS]
    _describe(context, doctree)
    _size_images(app, context)


def _laid_out_first(body: str) -> str:
    """첫 방문에 배치(레이아웃)되는 부분: 노트북 셀이 있는 페이지는 둘째 절 앞까지, 다른 페이지는 전부.

    둘째 절부터의 문단·목록·수식·표는 custom.css의 content-visibility가 화면에 가까워질 때에야 배치합니다(제목 같은
    나머지는 그대로 배치됩니다). 페이지마다 맨 위 절(제목 하나)이 하나라고 봅니다: Jupyter Book의 페이지가 그렇습니다.
    """
    if 'class="cell' not in body:
        return body
    depth, subsections = 0, 0
    for tag in re.finditer(r"<(/?)section\b", body):
        depth += -1 if tag.group(1) else 1
        if depth == 2 and not tag.group(1):
            subsections += 1
            if subsections == 2:
                return body[:tag.start()]
    return body


def _bundle(app: Sphinx, css_files: list) -> list:
    """페이지의 스타일시트(테마, Sphinx와 확장, KaTeX, custom.css)를 차례 그대로 이은 파일 하나로.

    렌더링을 막는 요청 하나하나가 느린 휴대폰 연결에서 왕복 시간을 더합니다(Lighthouse의 FCP). 묶음의 이름은 묶은
    파일 목록에서, 내용은 빌드 끝에(_write_bundles) 씁니다: myst-nb의 CSS처럼 페이지를 쓴 뒤에 생기는 파일이 있습니다.
    """
    # Sphinx는 이 이벤트 뒤에 priority로 줄 세웁니다: 묶음 안의 차례도 그대로(같은 priority는 넣은 차례)
    local = sorted((c for c in css_files if str(c.filename).startswith("_static/") and not c.attributes.get("media")),
                   key=lambda c: c.priority)
    if not local:  # custom.css(html_css_files)가 늘 있습니다: 없으면 묶음의 링크를 만들 틀이 없습니다
        raise ExtensionError("theme_patches: no page stylesheet to bundle (html_css_files is empty?)")
    files = THEME_CSS + [str(c.filename).split("?")[0] for c in local]
    name = f"bundle-{hashlib.sha1(' '.join(files).encode()).hexdigest()[:12]}.css"
    BUNDLES[name] = files
    bundle = type(local[0])(f"_static/{name}", priority=0, rel="stylesheet", type="text/css")
    return [bundle] + [c for c in css_files if c not in local]


def _write_bundles(app: Sphinx, exc: Exception | None) -> None:
    static = Path(app.outdir) / "_static"
    if exc is None and BUNDLES:
        for name, files in BUNDLES.items():
            _concatenate(static, name, files)
        _purge(app, [static / name for name in BUNDLES])


def _purge(app: Sphinx, bundles: list[Path]) -> None:
    """묶음에서 사이트가 쓰지 않는 규칙을 뺍니다: 빌드한 HTML과 JS(테마가 스크립트로 붙이는 클래스 이름도)에
    나오지 않는 선택자. 테마의 CSS(397 KB) 대부분은 이 책이 쓰지 않는 Bootstrap의 폼·유틸리티와 Font Awesome 아이콘
    규칙 1,834개입니다. fontawesome.js(페이지에서 뺀 것)와 searchindex.js(본문의 낱말)는 읽지 않습니다: 모든 아이콘
    이름과 낱말이 들어 있습니다.
    """
    tool = Path(app.confdir) / "node_modules" / ".bin" / "purgecss"
    if not tool.exists():
        raise ExtensionError(f"theme_patches: {tool} is missing (npm ci installs it from package.json)")
    outdir = Path(app.outdir)
    content = [*outdir.rglob("*.html"),
               *(p for p in outdir.rglob("*.js") if p.name not in ("fontawesome.js", "searchindex.js"))]
    subprocess.run([str(tool), "--css", *map(str, bundles), "--content", *map(str, content),
                    "--output", str(bundles[0].parent)], check=True, stdout=subprocess.DEVNULL)


def _concatenate(static: Path, name: str, files: list[str]) -> None:
    """묶음 하나: files(_static/…의 CSS)를 차례대로 잇고, 하위 폴더 CSS의 상대 주소(url)는 _static/ 기준으로."""
    parts = []
    for source in (static.parent / f for f in files):
        folder = source.parent.relative_to(static).as_posix()

        def moved(m: re.Match, folder: str = folder) -> str:
            return f'url("{posixpath.normpath(posixpath.join(folder, m.group(2)))}")'

        text = source.read_text(encoding="utf-8")
        if folder != ".":
            text = re.sub(r"""url\((['"]?)(?!data:|https?:|/|#)([^'")]+)\1\)""", moved, text)
        parts.append(f"/* {source.relative_to(static)} */\n{text}")
    (static / name).write_text("\n".join(parts), encoding="utf-8")


def _describe(context: dict[str, Any], doctree: Any) -> None:
    if doctree is None or 'name="description"' in context.get("metatags", ""):
        return

    def text(node: nodes.Node) -> str:
        parts = []
        for child in node.findall(lambda n: isinstance(n, (nodes.Text, nodes.math))):
            if isinstance(child, nodes.math):
                tex = child.astext()
                for command, symbol in TEX_SYMBOLS.items():
                    tex = tex.replace(command, symbol)
                parts.append(re.sub(r"[{}]", "", re.sub(r"\\[a-zA-Z]+\s*", "", tex)))
            elif not isinstance(child.parent, nodes.math):
                parts.append(child.astext())
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    goals = [a for a in doctree.findall(nodes.Admonition)
             if "목표" in next(iter(a.findall(nodes.title)), nodes.title()).astext()]
    paragraphs = ([p for a in goals[:1] for p in a.findall(nodes.paragraph)]
                  or [p for p in doctree.findall(nodes.paragraph)
                      if not any(isinstance(a, (nodes.Admonition, nodes.table, nodes.caption, nodes.footnote))
                                 for a in _ancestors(p))][:1])
    found = " ".join(text(p) for p in paragraphs)
    if found:
        if len(found) > 200:  # 검색 결과에 보이는 길이를 조금 넘게
            found = found[:200].rsplit(" ", 1)[0].rstrip(",.;:·—-") + "…"
        meta = f'<meta name="description" content="{html.escape(found)}" />'
        context["metatags"] = context.get("metatags", "") + f"\n    {meta}"


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def _size_images(app: Sphinx, context: dict[str, Any]) -> None:
    sizes = {}
    for source, name in getattr(app.builder, "images", {}).items():  # 그림은 페이지를 쓴 뒤에 복사됩니다: 원본에서
        width, height = imagesize.get(str(Path(app.srcdir) / source))
        if width > 0 and height > 0:
            sizes[f"{app.builder.imagedir}/{name}"] = (width, height)

    def fix(match: re.Match) -> str:
        attrs = match.group(1)
        src = re.search(r'\ssrc="(?:\.\./)*([^"]+)"', attrs)
        if src and src.group(1) in sizes and not re.search(r"\s(width|height)=", attrs):
            attrs += ' width="{}" height="{}"'.format(*sizes[src.group(1)])
        if "loading=" not in attrs:  # 스크롤해 닿을 때 받습니다: 장마다 첫 화면은 글이고 그림은 그 아래입니다
            attrs += ' loading="lazy"'
        if "decoding=" not in attrs:
            attrs += ' decoding="async"'
        return f"<img{attrs} />"

    if "<img" in context.get("body", ""):
        context["body"] = _IMG.sub(fix, context["body"])


def used_icon_codepoints(outdir: Path) -> set[int]:
    """빌드한 사이트(HTML, JS)가 쓰는 ``fa-이름``의 글자와, 테마 CSS가 ::before/::after에 직접 쓰는 글자."""
    names: dict[str, int] = {}
    extra: set[int] = set()
    for css_file in (outdir / "_static").rglob("*.css"):
        css = css_file.read_text(encoding="utf-8", errors="replace")
        for selectors, code in _ICON_RULE.findall(css):
            names |= {name: int(code, 16) for name in re.findall(r"\.fa-([\w-]+)::?before", selectors)}
        extra |= {int(code, 16) if code else ord(char) for code, char in _PRIVATE_USE.findall(_ICON_RULE.sub("", css))}
    if not names:
        raise ExtensionError("theme_patches: no Font Awesome icon rules in the theme's CSS; the theme changed")
    files = [*outdir.rglob("*.html"), *(p for p in (outdir / "_static").rglob("*.js") if p.name != "fontawesome.js")]
    used = {n for f in files for n in _ICON_NAME.findall(f.read_text(encoding="utf-8", errors="replace"))}
    return {names[n] for n in used if n in names} | extra


def _subset_icon_fonts(app: Sphinx, exc: Exception | None) -> None:
    if exc is not None or app.builder.format != "html":
        return
    from fontTools import subset

    outdir = Path(app.outdir)
    codepoints = used_icon_codepoints(outdir)
    (outdir / "_static" / "icons").mkdir(parents=True, exist_ok=True)
    for _family, _weight, stem in ICON_FONTS:
        source = outdir / WEBFONTS / f"{stem}.ttf"
        if not source.is_file():
            raise ExtensionError(f"theme_patches: the theme's icon font {source} is missing")
        options = subset.Options()
        options.flavor = "woff"  # woff2에는 brotli가 필요합니다; zlib의 woff도 이 크기에서는 몇 KB입니다
        options.layout_features, options.name_IDs, options.notdef_outline = [], ["*"], True  # 이름과 라이선스는 남김
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(codepoints))
        subsetter.subset(font)
        subset.save_font(font, str(outdir / "_static" / "icons" / f"{stem}.woff"), options)


def setup(app: Sphinx) -> dict[str, object]:
    templates = str(Path(__file__).parent / "templates")
    app.connect("config-inited", lambda app, config: config.templates_path.insert(0, templates))
    app.connect("builder-inited", _check_versions)
    app.connect("builder-inited", _register_filter)
    app.connect("builder-inited", _start_katex_server, priority=600)  # sphinxcontrib.katex가 KaTeX 경로를 정한 뒤
    app.connect("html-page-context", _trim_assets, priority=950)  # 다른 확장이 파일을 다 넣은 뒤
    app.connect("build-finished", _subset_icon_fonts)
    app.connect("build-finished", _write_bundles, priority=900)  # 다른 확장이 제 CSS를 다 쓴 뒤
    app.connect("builder-inited", lambda app: BUNDLES.clear())
    return {"parallel_read_safe": True, "parallel_write_safe": False}
