"""빌드한 책을 브라우저로 여는 검사와 도구가 함께 쓰는 것: 페이지 목록, 정적 서버, Chromium, '다 그려짐'.

    python tools/site_check.py     # _build/html을 http://127.0.0.1:<빈 포트>/ 에서(정적 호스트처럼), Ctrl-C로 끝

다른 코드에서::

    from site_check import CHROME, CHROMIUM_ARGS, RENDERED, pages, serve
    with serve(HTML) as url:             # url == "http://127.0.0.1:43121"; 블록을 나가면 멈춥니다
        browser = p.chromium.launch(executable_path=CHROME, args=CHROMIUM_ARGS)
        page.goto(f"{url}/book/intro.html"); page.evaluate(RENDERED)

서버는 정적 호스트(GitHub Pages)처럼 글(HTML, CSS, JS, SVG …)을 ``Accept-Encoding: gzip``일 때 gzip으로 보내고,
글꼴에 맞는 MIME 형식을, 폴더 주소에는 index.html을, 없는 파일에는 404를 줍니다(Cache-Control: max-age=600).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import io
import os
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
MEASUREMENTS = ROOT / "docs" / "measurements.md"

# Debian의 Chromium. 127.0.0.1 밖의 주소는 이름을 찾지 못하게 해 요청이 나가지 못합니다(실패한 요청으로 잡힙니다).
# Playwright의 page.route로 막지 않는 까닭: 가로채기를 켜면 그 페이지의 HTTP 캐시가 꺼집니다(microsoft/playwright#7220).
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
# 페이지가 다 그려졌다: 글꼴(한글, KaTeX)을 다 받고, 모든 그림을 받아 풀어 둠. 수식은 빌드할 때 그려져 있습니다.
# 화면에 닿을 때 받는 그림(loading="lazy")은 끝까지 읽은 독자처럼 지금 받게 하고, decoding="async"인 그림은 풀릴 때까지
# 기다립니다(기다리지 않으면 전체 화면 사진에 화면 밖의 그림이 빈 상자로 찍힙니다).
RENDERED = """() => document.fonts.ready.then(() => Promise.all([...document.images].filter(i => !i.complete)
    .map(i => new Promise(done => { i.onload = i.onerror = done; i.loading = "eager"; }))))
    .then(() => Promise.all([...document.images].map(i => i.decode().catch(() => null)))).then(() => true)"""


def pages() -> list[str]:
    """_toc.yml의 차례대로: ['book/intro', 'book/01_forward', …]"""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [c["file"] for c in toc.get("chapters", [])]


def chosen(parser: argparse.ArgumentParser, names: list[str], html: Path) -> list[str]:
    """명령줄에서 고른 페이지(비었으면 모두). 목차나 빌드한 책에 없으면 parser.error로 끝냅니다."""
    known = pages()
    unknown = [p for p in names if p not in known]
    if unknown:
        parser.error(f"pages must be pages of _toc.yml ({', '.join(known)}), got {unknown}")
    if not (html / "index.html").is_file():
        parser.error(f"no built book at {html}: run jupyter-book build . -W --keep-going first")
    if not Path(CHROME).is_file():
        parser.error(f"Chromium not found at {CHROME!r} (CHROME_PATH): apt-get install chromium")
    return names or known


def write_section(name: str, text: str) -> None:
    """docs/measurements.md에서 ``<!-- name -->``과 ``<!-- /name -->`` 사이를 text로 바꿉니다."""
    doc = MEASUREMENTS.read_text(encoding="utf-8")
    pattern = re.compile(rf"(<!-- {name} -->\n).*?(<!-- /{name} -->)", re.S)
    if not pattern.search(doc):
        raise SystemExit(f"{MEASUREMENTS}: no '<!-- {name} -->' … '<!-- /{name} -->' section")
    MEASUREMENTS.write_text(pattern.sub(lambda m: m.group(1) + text.rstrip() + "\n" + m.group(2), doc),
                            encoding="utf-8")


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # 연결을 다시 씁니다(Content-Length를 늘 보냅니다)
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".mjs": "text/javascript", ".woff2": "font/woff2",
                      ".woff": "font/woff", ".svg": "image/svg+xml", ".ipynb": "application/x-ipynb+json"}
    COMPRESSIBLE = ("text/", "application/json", "application/x-ipynb+json", "image/svg+xml")

    def log_message(self, *args) -> None:  # 요청마다의 로그는 필요 없습니다
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if (not path.is_file() or not ctype.startswith(self.COMPRESSIBLE)
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()  # 폴더 주소의 301, 404, 압축하지 않는 파일
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)  # mtime=0: 늘 같은 바이트
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory: str | os.PathLike = HTML, port: int = 0) -> Iterator[str]:
    """``with serve(dir) as url:`` — 127.0.0.1의 빈 포트(port=0)에서 블록 안에서만 돕니다."""
    if not Path(directory).is_dir():
        raise FileNotFoundError(f"serve: directory must be the built book (e.g. _build/html), got {str(directory)!r}")

    class Handler(StaticHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(directory), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default=HTML)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    with serve(args.directory, args.port) as url:
        print(f"{url}/  (Ctrl-C로 끝)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    sys.exit(0)
