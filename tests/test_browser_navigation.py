"""책 안에서 길 찾기: 이전/다음, 목차, 그리고 한국어 검색을 브라우저에서 따라가 봅니다."""

import re

import pytest

from _book import PAGES, page_of


def follow(v, selector):
    """selector 링크를 차례로 눌러 가며 지나간 페이지들."""
    seen = [page_of(v.page.url)]
    while (link := v.page.query_selector(selector)) is not None:
        with v.page.expect_navigation(wait_until="domcontentloaded"):
            link.click()
        seen.append(page_of(v.page.url))
    return seen


def test_next_and_previous_links_walk_through_every_chapter(visit):
    v = visit(f"{PAGES[0]}.html")
    assert follow(v, "a.right-next") == PAGES
    assert follow(v, "a.left-prev") == PAGES[::-1]
    assert not v.problems, v.problems


def test_sidebar_toc_reaches_every_chapter(visit):
    v = visit("index.html")  # index.html은 첫 페이지로 넘겨 줍니다
    v.page.wait_for_url(re.compile(r"book/intro\.html"))
    hrefs = v.page.eval_on_selector_all("nav.bd-docs-nav a.reference.internal", "els => els.map(e => e.href)")
    assert [page_of(h) for h in hrefs] == PAGES
    assert not v.problems, v.problems
