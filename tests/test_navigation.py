"""책 안에서 길 찾기: 이전/다음 링크와 왼쪽 목차를 빌드한 HTML에서 따라갑니다.

링크는 누를 필요 없이 HTML에 그대로 있으므로 브라우저 없이 읽습니다. 페이지들이 브라우저에서
오류 없이 열리는지와 index.html의 넘김, 검색 칸은 tests/test_browser_pages.py가 봅니다.
"""

from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import urldefrag, urljoin

from _book import PAGES


class _Links(HTMLParser):
    """a.right-next, a.left-prev, 그리고 nav.bd-docs-nav 안의 a.reference.internal의 href."""

    def __init__(self):
        super().__init__()
        self.next, self.prev, self.toc = [], [], []
        self._nav_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        if tag == "nav" and (self._nav_depth or "bd-docs-nav" in classes):
            self._nav_depth += 1
        if tag != "a" or "href" not in a:
            return
        if "right-next" in classes:
            self.next.append(a["href"])
        if "left-prev" in classes:
            self.prev.append(a["href"])
        if self._nav_depth and {"reference", "internal"} <= classes:
            self.toc.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1


def links(html_dir, page: str) -> _Links:
    parser = _Links()
    parser.feed((html_dir / f"{page}.html").read_text(encoding="utf-8"))
    return parser


def target(page: str, href: str) -> str:
    """'book/01_forward'에 있는 '02_backprop_manual.html#x' → 'book/02_backprop_manual' ('#'은 그 페이지)."""
    url = urldefrag(urljoin(f"{page}.html", href)).url or f"{page}.html"
    return str(PurePosixPath(url).with_suffix(""))


def follow(html_dir, start: str, kind: str) -> list[str]:
    """start에서 kind('next'나 'prev') 링크를 차례로 따라간 페이지들."""
    seen = [start]
    while hrefs := getattr(links(html_dir, seen[-1]), kind):
        assert len(hrefs) == 1, f"{seen[-1]}: {kind} 링크가 {len(hrefs)}개입니다: {hrefs}"
        page = target(seen[-1], hrefs[0])
        assert (html_dir / f"{page}.html").is_file(), f"{seen[-1]}의 {kind} 링크가 없는 페이지를 가리킵니다: {hrefs[0]}"
        assert page not in seen, f"{kind} 링크가 되돌아옵니다: {seen + [page]}"
        seen.append(page)
    return seen


def test_next_and_previous_links_walk_through_every_chapter(built_html):
    assert follow(built_html, PAGES[0], "next") == PAGES
    assert follow(built_html, PAGES[-1], "prev") == PAGES[::-1]


def test_sidebar_toc_on_every_page_reaches_every_chapter(built_html):
    for page in PAGES:
        hrefs = links(built_html, page).toc
        assert [target(page, h) for h in hrefs] == PAGES, f"{page}의 목차: {hrefs}"
