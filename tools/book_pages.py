"""도구들이 함께 쓰는 것: 책의 페이지 목록(_toc.yml)과, 명령줄에서 고른 페이지의 확인."""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def book_pages() -> list[str]:
    """_toc.yml의 차례대로: ['book/intro', 'book/01_forward', …]"""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [c["file"] for c in toc.get("chapters", [])]


def chosen_pages(parser: argparse.ArgumentParser, pages: list[str], html: Path) -> list[str]:
    """명령줄의 pages(비었으면 모든 페이지). 목차에 없거나 빌드한 책(html)에 없으면 parser.error로 끝냅니다."""
    known = book_pages()
    pages = pages or known
    unknown = [p for p in pages if p not in known]
    if unknown:
        parser.error(f"pages must be pages of _toc.yml ({', '.join(known)}), got {unknown}")
    missing = [p for p in pages if not (html / f"{p}.html").is_file()]
    if missing:
        parser.error(f"--html: the built book in {html} has no {missing}: "
                     "build first with 'jupyter-book build . -W --keep-going'")
    return pages
