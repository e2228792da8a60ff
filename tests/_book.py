"""책의 목차와 설정(검사들이 함께 씀)."""

import html
import re
import unicodedata
from pathlib import Path

import site_check  # tools/: tests/conftest.py가 경로에 넣습니다
import yaml

ROOT = Path(__file__).resolve().parents[1]
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
PAGES = site_check.pages()  # _toc.yml의 차례대로(도구들과 같은 목록)
CHAPTERS = PAGES[1:]


def page_of(url: str) -> str:
    """'http://…/book/01_forward.html#x' → 'book/01_forward'"""
    return re.sub(r"^.*?/(book/[^/]+)\.html.*$", r"\1", url)


# 받침 없는 명사 뒤에 붙는 조사들: 검색 확장(book/_ext/korean_search.py)의 표와 따로 적었습니다(베끼지 않도록).
NOUN_FORM = r"(는|를|가|와|로|의|에|에서|에서는|도|만|입니다|까지|부터|보다|처럼|마다|로는|와의)?"


def page_words(html_dir: Path) -> dict[str, set[str]]:
    """페이지 → 빌드한 본문(<article>: 사이드바와 이전/다음 링크 빼고)의 낱말 집합(소문자, NFC).
    스크립트와 스타일 안의 글은 독자가 읽는 글이 아니므로 뺍니다."""
    words = {}
    for page in PAGES:
        found = re.search(r'<article class="bd-article"[^>]*>(.*?)</article>',
                          (html_dir / f"{page}.html").read_text(encoding="utf-8"), flags=re.S)
        assert found, page
        text = html.unescape(re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", found.group(1), flags=re.S))
        words[page] = set(re.findall(r"\w+", unicodedata.normalize("NFC", text).lower()))
    return words


def pages_with(words: dict[str, set[str]], noun: str) -> tuple[set[str], set[str]]:
    """noun이 맨 모양이나 조사 붙은 모양으로 나오는 페이지들, 그리고 그중 조사 붙은 모양으로만 나오는 페이지들."""
    form = re.compile(re.escape(noun) + NOUN_FORM + "$")
    found = {page for page, ws in words.items() if any(form.match(w) for w in ws)}
    return found, {page for page in found if noun not in words[page]}


NOTEBOOK_PAGES = [p for p in PAGES if (ROOT / f"{p}.ipynb").exists()]
