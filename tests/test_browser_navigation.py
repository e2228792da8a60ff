"""책 안에서 길 찾기: 이전/다음, 목차, 그리고 한국어 검색을 브라우저에서 따라가 봅니다."""

import re

import pytest

from _book import PAGES, page_of, pages_with_particle
from conftest import HTML


def follow(v, selector):
    """selector 링크를 차례로 눌러 가며 지나간 페이지들."""
    seen = [page_of(v.page.url)]
    while (link := v.page.query_selector(selector)) is not None:
        with v.page.expect_navigation(wait_until="domcontentloaded"):
            link.click()
        seen.append(page_of(v.page.url))
    return seen


def test_next_and_previous_links_walk_through_every_chapter(visit):
    v = visit(f"{PAGES[0]}.html", light=True)
    assert follow(v, "a.right-next") == PAGES
    assert follow(v, "a.left-prev") == PAGES[::-1]
    assert not v.problems, v.problems


def test_sidebar_toc_reaches_every_chapter(visit):
    v = visit("index.html", light=True)  # index.html은 첫 페이지로 넘겨 줍니다
    v.page.wait_for_url(re.compile(r"book/intro\.html"))
    hrefs = v.page.eval_on_selector_all("nav.bd-docs-nav a.reference.internal", "els => els.map(e => e.href)")
    assert [page_of(h) for h in hrefs] == PAGES
    assert not v.problems, v.problems


@pytest.mark.parametrize("query", ["기울기", "함수", "역전파"])
def test_korean_search_finds_the_word_with_a_particle_attached(visit, query):
    """검색 페이지의 검색 칸에 맨 낱말을 입력하면, 조사가 붙은 꼴(기울기는, 함수가, 역전파를 …)만 있는 페이지도 찾습니다."""
    expected, only_particle = pages_with_particle(HTML, query)
    assert expected, f"{query}에 조사가 붙은 페이지가 없어 검사할 것이 없습니다"
    v = visit("search.html", light=True)
    box = v.page.locator("input[name='q']:visible").first
    box.fill(query)
    box.press("Enter")
    v.page.wait_for_url(re.compile(r"search\.html\?q="))
    v.page.wait_for_selector("#search-results p.search-summary", timeout=15000)
    links = v.page.eval_on_selector_all("#search-results ul.search li > a", "els => els.map(e => e.href)")
    found = {page_of(h) for h in links}
    assert expected <= found, f"{query}: 못 찾은 페이지 {sorted(expected - found)}, 찾은 것 {sorted(found)}"
    if query in ("기울기", "함수"):  # 이 낱말은 조사가 붙은 꼴로만 나오는 페이지가 있어 검사가 실제로 조사를 다룹니다
        assert only_particle, query
    assert not v.problems, v.problems
