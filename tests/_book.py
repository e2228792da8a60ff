"""책의 목차와 설정(검사들이 함께 씀)."""

import re
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


def article_text(html_file: Path) -> str:
    """빌드한 페이지의 본문(<article>) 글자만. 사이드바와 이전/다음 링크는 뺍니다."""
    html = html_file.read_text(encoding="utf-8")
    found = re.search(r'<article class="bd-article"[^>]*>(.*?)</article>', html, flags=re.S)
    assert found, html_file
    return re.sub(r"<[^>]+>", " ", found.group(1))


def pages_with_particle(html_dir: Path, word: str) -> tuple[set[str], set[str]]:
    """word에 한글 조사가 붙어 나오는 페이지들, 그리고 그중 word가 홀로는 나오지 않는 페이지들."""
    with_particle, only_particle = set(), set()
    for page in PAGES:
        text = article_text(html_dir / f"{page}.html")
        if re.search(rf"(?<![가-힣]){word}[가-힣]", text):
            with_particle.add(page)
            if not re.search(rf"(?<![가-힣]){word}(?![가-힣])", text):
                only_particle.add(page)
    return with_particle, only_particle

NOTEBOOK_PAGES = [p for p in PAGES if (ROOT / f"{p}.ipynb").exists()]
