"""tools/site_check.py의 서버: 검사와 Lighthouse가 책을 여는 정적 서버(정적 호스트처럼 gzip, MIME, 404)."""

import gzip
import urllib.error
import urllib.request

import pytest
from site_check import serve


@pytest.fixture
def served(tmp_path):
    (tmp_path / "page.html").write_text("<p>" + "역전파 " * 500 + "</p>", encoding="utf-8")
    (tmp_path / "font.woff2").write_bytes(b"wOF2" + bytes(100))
    with serve(tmp_path) as url:
        yield url


def get(url, **headers):
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10)


def test_text_is_gzipped_only_when_the_client_accepts_it(served):
    with get(f"{served}/page.html", **{"Accept-Encoding": "gzip"}) as r:
        assert r.headers["Content-Encoding"] == "gzip"
        assert r.headers["Content-Type"].startswith("text/html")
        body = gzip.decompress(r.read()).decode("utf-8")
    with get(f"{served}/page.html") as r:
        assert r.headers.get("Content-Encoding") is None
        assert r.read().decode("utf-8") == body
    assert body.count("역전파") == 500


def test_fonts_get_their_mime_type_and_missing_files_404(served):
    with get(f"{served}/font.woff2") as r:
        assert r.headers["Content-Type"] == "font/woff2"
    with pytest.raises(urllib.error.HTTPError) as e:
        get(f"{served}/favicon.ico")
    assert e.value.code == 404
