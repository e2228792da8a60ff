"""브라우저 검사의 감시가 127.0.0.1 밖으로 나가려는 요청을 막고 문제로 적는지.

바깥 요청은 Playwright의 가로채기(page.route)가 아니라 브라우저의 실행 옵션(site_check.CHROMIUM_ARGS의
--host-resolver-rules)이 막습니다. 여기서는 CDN의 스크립트, 글꼴 CSS, IP 주소의 그림, 그리고 막지 않으면
실제로 받아지는 그림(같은 서버를 `localhost`라는 이름으로)을 부르는 페이지를 열어, 모두 막혀 응답이 없고
'바깥으로 나가는 요청'으로 적히는지 봅니다. 인터넷이 없는 컴퓨터에서도 마지막 그림 덕분에 막는 옵션이
빠지면 이 검사가 실패합니다. 페이지 방문(_browser._Watch)과 단계별 보기 검사의 방문(conftest.Visit) 둘 다.
"""

import pytest

from _browser import _Watch
from conftest import Visit

OUTSIDE = ["https://cdn.jsdelivr.net/npm/x/x.js", "http://fonts.googleapis.com/css?family=X",
           "http://203.0.113.7/a.png"]


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """(서버 주소, 그 페이지가 부르는 바깥 주소들)"""
    folder = tmp_path_factory.mktemp("outside")
    from site_check import serve

    with serve(folder) as url:
        yield from _page(folder, url)


def _page(folder, url):
    (folder / "here.png").write_bytes(b"not really a png")
    # 같은 서버, 다른 이름: 막지 않으면 200으로 받아집니다
    outside = [*OUTSIDE, url.replace("127.0.0.1", "localhost") + "/here.png"]
    (folder / "index.html").write_text(f"""<!doctype html><html lang="ko"><head><title>t</title>
<script src="{outside[0]}"></script><link rel="stylesheet" href="{outside[1].removeprefix('http:')}"></head>
<body><img alt="a" src="{outside[2]}"><img alt="b" src="{outside[3]}"><img alt="c" src="missing.png"></body>
</html>""", encoding="utf-8")
    yield url, outside


def outside_lines(problems):
    return sorted(p.removeprefix("바깥으로 나가는 요청: ") for p in problems if p.startswith("바깥으로 나가는 요청: "))


def test_page_visits_block_and_report_every_outside_request(browser, local):
    local, outside = local
    page = browser.new_page()
    answered: list[str] = []
    page.on("response", lambda r: answered.append(r.url))
    watch = _Watch()
    watch.attach(page)
    seen = watch.begin()
    page.goto(f"{local}/index.html", wait_until="load")
    watch.end()
    page.close()
    assert outside_lines(seen.problems) == sorted(outside), seen.problems
    assert answered == [f"{local}/index.html", f"{local}/missing.png"], answered  # 바깥에서 온 응답은 없음
    assert f"HTTP 404: {local}/missing.png" in seen.problems  # 안의 404도 여전히 문제


def test_the_stepper_visit_reports_them_too(browser, local):
    local, outside = local
    v = Visit(browser, local, "index.html")
    v.context.close()
    assert outside_lines(v.problems) == sorted(outside), v.problems
