"""book/_ext/theme_patches.py의 패치마다, 빌드한 책에서 그 패치가 멈추면 실패하는 검사.

테마를 올리면 패치의 정규식이나 틀의 블록이 더는 맞지 않을 수 있습니다. 그러면 아무 오류 없이
fontawesome.js(gzip 530 KB)가 돌아오거나 스크립트가 렌더링을 막게 되므로, 여기서 결과를 봅니다.
"""

import importlib.metadata
import re
import sys

import pytest

from _book import ROOT

sys.path.insert(0, str(ROOT / "book" / "_ext"))
from theme_patches import WRITTEN_FOR  # noqa: E402


def found(pattern: str, text: str, flags: int = 0) -> str:
    """text에서 pattern의 첫 묶음(없으면 검사 실패)."""
    match = re.search(pattern, text, flags)
    assert match, pattern
    return match.group(1)


def head(html: str) -> str:
    return found(r"<head>(.*?)</head>", html, re.S)


def pages(built_html):
    """책의 페이지들(사이트 뿌리의 index.html은 첫 장으로 넘기기만 하는 작은 페이지라 뺍니다)."""
    found = {p.relative_to(built_html).as_posix(): p.read_text(encoding="utf-8")
             for p in built_html.rglob("*.html") if "_static" not in p.parts and p.name != "index.html"}
    assert len(found) >= 12, sorted(found)
    return found


def test_the_patches_are_written_for_the_installed_theme_and_sphinx():
    """올린 뒤에는 이 파일의 검사를 돌려 보고 WRITTEN_FOR를 고칩니다(빌드도 -W로 같은 것을 경고합니다)."""
    installed = {name: importlib.metadata.version(name) for name in WRITTEN_FOR}
    assert installed == WRITTEN_FOR


def test_no_page_loads_font_awesome_js_and_every_icon_has_a_glyph_in_the_subset(built_html):
    from fontTools.ttLib import TTFont

    theme_css = (built_html / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    glyphs = {}
    for stem in ("fa-solid-900", "fa-regular-400", "fa-brands-400"):
        glyphs[stem] = set(TTFont(built_html / "_static" / "icons" / f"{stem}.woff").getBestCmap())
    subset = set().union(*glyphs.values())
    used = set()
    for name, html in pages(built_html).items():
        assert "fontawesome.js" not in html, name
        used |= set(re.findall(r'class="[^"]*\bfa-([a-z0-9-]+)', html))
    codes = {}
    for selectors, code in re.findall(r'((?:\.fa-[\w-]+:+before,?)+)\{content:"\\(f[0-9a-f]{3})"\}', theme_css):
        for icon in re.findall(r"\.fa-([\w-]+):", selectors):
            codes[icon] = int(code, 16)
    icons = {icon for icon in used if icon in codes}
    assert {"github", "download"} <= icons, icons  # 머리의 단추들
    missing = {icon for icon in icons if codes[icon] not in subset}
    assert not missing, f"부분 집합 글꼴에 없는 아이콘: {missing}"


def test_head_scripts_do_not_block_rendering_and_search_scripts_are_only_on_the_search_page(built_html):
    for name, html in pages(built_html).items():
        top = head(html)
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", top):
            if "documentation_options.js" in tag or name == "search.html":
                continue
            assert re.search(r"\b(defer|async)\b|type=\"module\"", tag), f"{name}: {tag}"
        search = re.findall(r"searchtools\.js|searchindex\.js|language_data\.js", top + html)
        assert bool(search) == (name == "search.html"), f"{name}: {search}"
        assert "THEBE_JS_URL" not in html and "sphinx-thebe" not in top, name


def test_each_page_blocks_on_one_stylesheet_whose_urls_all_resolve(built_html):
    """테마, Sphinx, 확장, KaTeX, custom.css의 스타일시트를 차례 그대로 이은 묶음 하나(렌더링을 막는 요청 하나)."""
    bundles = set()
    for name, html in pages(built_html).items():
        top = head(html)
        sheets = re.findall(r'<link\b[^>]*rel="stylesheet"[^>]*>', top)
        assert len(sheets) == 1, f"{name}: {sheets}"
        bundles.add(found(r'href="(?:\.\./)*(_static/[^"?]+)', sheets[0]))
        assert ("KaTeX_Main-Regular.woff2" in top) == ('class="katex"' in html), name  # 수식 글꼴을 미리 받음
        assert not re.search(r"<script\b[^>]*documentation_options", top), name
    for bundle in bundles:
        css = (built_html / bundle).read_text(encoding="utf-8")
        markers = ("/* basic.css */", "/* styles/pydata-sphinx-theme.css */", "/* katex.min.css */", "/* custom.css */",
                   "div.math > .katex-display")
        order = [css.index(marker) for marker in markers]
        assert order == sorted(order), f"{bundle}: 테마 → KaTeX → custom.css의 차례가 아닙니다"
        for url in set(re.findall(r"""url\(["']?(?!data:)([^"')]+)""", css)):
            assert (built_html / "_static" / url.split("?")[0].split("#")[0]).is_file(), f"{bundle}: {url}"


@pytest.mark.parametrize("asset, used", [("togglebutton", lambda c: bool(c & {"dropdown", "toggle"})),
                                         ("sphinx-design", lambda c: any(x.startswith("sd-") for x in c))])
def test_optional_assets_load_only_on_pages_that_use_them(built_html, asset, used):
    loads = {}
    for name, html in pages(built_html).items():
        article = re.search(r"<article\b.*?</article>", html, re.S)
        classes = {c for a in re.findall(r'class="([^"]*)"', article.group(0) if article else "") for c in a.split()}
        loads[name] = (asset in head(html), used(classes))
    assert all(a == u for a, u in loads.values()), {k: v for k, v in loads.items() if v[0] != v[1]}
    if asset == "togglebutton":  # 접는 상자(풀이)가 있는 장과 없는 페이지가 모두 있어야 이 검사가 뜻이 있습니다
        assert {u for _, u in loads.values()} == {True, False}, loads


def test_every_page_has_a_description_and_chapter_pages_describe_their_goal(built_html):
    for name, html in pages(built_html).items():
        if name in ("genindex.html", "search.html"):
            continue
        descriptions = re.findall(r'<meta name="description" content="([^"]+)"', html)
        assert len(descriptions) == 1 and 20 < len(descriptions[0]) <= 201, (name, descriptions)
    chapter = (built_html / "book" / "02_backprop_manual.html").read_text(encoding="utf-8")
    goal = re.search(r'<p class="admonition-title">이 장의 목표</p>\s*<p>(.*?)</p>', chapter, re.S)
    assert goal, "2장에 '이 장의 목표' 상자가 없습니다"
    words = re.sub(r"<[^>]+>", "", goal.group(1)).split()[2:6]  # 수식(L) 뒤의 낱말들
    assert " ".join(words) in found(r'name="description" content="([^"]+)"', chapter)


def test_every_figure_has_its_pixel_size_so_the_page_does_not_shift(built_html):
    from PIL import Image

    count = 0
    for name, html in pages(built_html).items():
        for tag in re.findall(r"<img\b[^>]*>", html):
            src = re.search(r'src="(?:\.\./)*(_images/[^"]+)"', tag)
            if src:
                count += 1
                size = Image.open(built_html / src.group(1)).size
                assert f'width="{size[0]}" height="{size[1]}"' in tag, f"{name}: {tag[:120]}"
    assert count >= 10, count


def test_the_favicon_is_at_the_site_root(built_html):
    assert (built_html / "favicon.ico").read_bytes() == (ROOT / "book" / "_extra" / "favicon.ico").read_bytes()


def test_the_stylesheet_keeps_only_the_rules_the_site_uses(built_html):
    """묶음에서 어느 페이지(HTML)와 스크립트도 쓰지 않는 선택자의 규칙은 빠지고(PurgeCSS), 쓰는 것은 남습니다.
    테마의 CSS만 397 KB인데 대부분은 이 책이 쓰지 않는 Bootstrap의 폼 검증 같은 것과 Font Awesome 아이콘 규칙입니다."""
    theme = (built_html / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    unused = [".was-validated", ".fa-yin-yang:before", ".form-floating"]
    used = [".fa-github:before", ".bd-sidebar-primary", ".admonition", ".katex-display", "html[data-theme=dark]",
            ".bd-search"]
    assert all(s in theme for s in unused), "테마 CSS에 있던 선택자로 골라야 빠진 것을 확인할 수 있습니다"
    text = "".join(pages(built_html).values())
    assert "fa-github" in text and "was-validated" not in text
    for bundle in {found(r'<link\b[^>]*rel="stylesheet"[^>]*href="(?:\.\./)*(_static/[^"?]+)', head(html))
                   for html in pages(built_html).values()}:
        css = (built_html / bundle).read_text(encoding="utf-8")
        assert not [s for s in unused if s in css], bundle
        assert [s for s in used if s not in css] == [], bundle
        assert len(css) < len(theme) / 2, f"{bundle}: {len(css)} 바이트"
