"""빌드한 책을 정적 호스트(GitHub Pages 등)처럼 내주는 작은 HTTP 서버. 표준 라이브러리만 씁니다.

    python tools/serve.py                # _build/html을 http://127.0.0.1:<빈 포트>/ 에서, Ctrl-C로 끝
    python tools/serve.py DIR --port 8000

다른 코드에서(브라우저 검사의 ``site`` 준비물, tools/lighthouse.py):

    from serve import serve
    with serve(HTML) as url:          # url == "http://127.0.0.1:43121"
        ...                           # 블록을 나가면 서버가 멈춥니다

    url, shutdown = start(HTML)       # 준비물처럼 yield 앞뒤로 나눠 쓸 때
    ...
    shutdown()

정적 호스트와 같은 점: 글(HTML, CSS, JS, JSON, SVG …)은 브라우저가 ``Accept-Encoding: gzip``을 보내면
gzip으로 압축해 보내고(``Content-Encoding: gzip``, ``Vary: Accept-Encoding``), .woff2/.mjs 같은 파일에도
맞는 MIME 형식을 붙이며, 폴더 주소는 그 안의 index.html을, 없는 파일은 404를 줍니다.
``Cache-Control: max-age=600``은 GitHub Pages와 같습니다.
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import gzip
import http.server
import mimetypes
import os
import sys
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# mimetypes는 시스템의 /etc/mime.types에 따라 달라집니다: 책에 나오는 확장자는 여기서 고정합니다.
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject",
    ".ipynb": "application/x-ipynb+json",
    ".py": "text/x-python; charset=utf-8",
}
# 이미 압축된 형식(png, woff2 …)은 다시 압축하지 않습니다: 정적 호스트도 글 형식만 압축합니다.
COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/x-ipynb+json",
                "image/svg+xml", "application/vnd.ms-fontobject", "font/ttf", "font/otf")
MIN_GZIP_BYTES = 256


def content_type(path: str | os.PathLike) -> str:
    suffix = Path(path).suffix.lower()
    return TYPES.get(suffix) or mimetypes.guess_type(str(path))[0] or "application/octet-stream"


def accepts_gzip(header: str | None) -> bool:
    """``Accept-Encoding`` 값에 gzip이 있고 q=0으로 거절되지 않았는지."""
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """GET/HEAD만. 압축한 결과는 (경로, 수정 시각)별로 기억해 같은 파일을 두 번 압축하지 않습니다."""

    protocol_version = "HTTP/1.1"  # 연결을 다시 써서 정적 호스트처럼 동작합니다(Content-Length 필수)
    _gzip_cache: dict[tuple[str, int], bytes] = {}
    _lock = threading.Lock()

    def log_message(self, *args) -> None:  # 요청마다 찍는 로그는 검사·측정 출력에 필요 없습니다
        pass

    def do_GET(self) -> None:
        body = self._head()
        if body is not None:
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        self._head()

    def _head(self) -> bytes | None:
        url = urllib.parse.urlsplit(self.path)
        path = Path(self.translate_path(url.path))
        if path.is_dir():
            if not url.path.endswith("/"):  # 정적 호스트처럼 끝에 /를 붙인 주소로 보냅니다
                self.send_response(301)
                self.send_header("Location", url.path + "/" + (f"?{url.query}" if url.query else ""))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404, "File not found")
            return None
        stat = path.stat()
        ctype = content_type(path)
        body = path.read_bytes()
        compress = (ctype.startswith(COMPRESSIBLE) and len(body) >= MIN_GZIP_BYTES
                    and accepts_gzip(self.headers.get("Accept-Encoding")))
        if compress:
            body = self._gzipped(str(path), stat.st_mtime_ns, body)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.send_header("Cache-Control", "max-age=600")
        if ctype.startswith(COMPRESSIBLE):
            self.send_header("Vary", "Accept-Encoding")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return body if self.command != "HEAD" else None

    @classmethod
    def _gzipped(cls, key: str, mtime: int, body: bytes) -> bytes:
        with cls._lock:
            cached = cls._gzip_cache.get((key, mtime))
        if cached is None:
            # mtime=0: 같은 파일은 늘 같은 바이트로 압축됩니다(무게 측정이 실행마다 같도록).
            cached = gzip.compress(body, compresslevel=6, mtime=0)
            with cls._lock:
                cls._gzip_cache[(key, mtime)] = cached
        return cached


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def start(directory: str | os.PathLike = ROOT / "_build" / "html",
          host: str = "127.0.0.1", port: int = 0) -> tuple[str, Callable[[], None]]:
    """directory를 host의 빈 포트(port=0)에서 내주기 시작합니다. (주소, 멈추는 함수)를 돌려줍니다."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(
            f"serve: directory must be an existing folder (the built book, e.g. _build/html), "
            f"got {str(directory)!r}. Build first: jupyter-book build . -W --keep-going")

    class Handler(StaticHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(directory), **kwargs)

    server = _Server((host, port), Handler)
    thread = threading.Thread(target=server.serve_forever, name="book-server", daemon=True)
    thread.start()

    def shutdown() -> None:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

    return f"http://{host}:{server.server_address[1]}", shutdown


@contextlib.contextmanager
def serve(directory: str | os.PathLike = ROOT / "_build" / "html",
          host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """``with serve(dir) as url:`` — 블록 안에서만 서버가 돕니다."""
    url, shutdown = start(directory, host, port)
    try:
        yield url
    finally:
        shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default=ROOT / "_build" / "html")
    parser.add_argument("--port", type=int, default=0, help="0이면 빈 포트")
    args = parser.parse_args(argv)
    with serve(args.directory, port=args.port) as url:
        print(f"{url}/  ({args.directory}, Ctrl-C로 끝)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
