"""수식을 인터넷 없이, 첫 화면을 막지 않고 보여 주는 작은 Sphinx 확장.

MathJax는 npm의 ``mathjax`` 패키지(package.json에 고정, ``npm ci``로 설치)에서 가져와
빌드가 끝난 뒤 ``_build/html/_static/mathjax/``로 복사합니다. 원본(source) 쪽 ``_static/``에
두지 않으므로 Jupyter Book 1이 그 .js 파일들을 모든 페이지에 끼워 넣지 않습니다.

빌드할 때: 본문의 TeX(``\\(…\\)``, ``\\[…\\]``)를 node에서 돌린 MathJax로 **MathML**로 바꿔 HTML에
넣습니다(빌드 한 번에 node 프로세스 하나). 브라우저는 MathML을 스스로 그리므로 스크립트 없이도 수식이
보이고, 화면 읽기 프로그램도 읽습니다.

브라우저에서: 첫 화면을 그린 **뒤에** MathJax(``startup.js`` → MathML 입력, CHTML 출력과 TeX 글꼴,
화면 읽기용 숨은 MathML)를 불러와 모든 브라우저에서 같은 TeX 글꼴로 다시 그립니다. 이미 MathML로 제
크기에 가깝게 그려져 있으므로 다시 그려도 글줄이 거의 밀리지 않습니다(날 TeX를 먼저 보여 줄 때는
Lighthouse CLS 0.25). 조판은 수식 10개씩 나눠 하고 그 사이에 브라우저에 차례를 넘깁니다.
``MathJax.startup.promise``는 모든 수식을 조판한 뒤에 풀립니다(브라우저 검사가 이것을 기다립니다).

``tex-chtml.js``(모든 것을 한 파일에 묶은 것, gzip 260 KB) 대신 필요한 부분만 불러와 gzip 약 125 KB입니다:
TeX 입력(gzip 43 KB)은 빌드에서 끝냈고, 오른쪽 클릭 메뉴(ui/menu, gzip 110 KB)는 뺍니다.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

# startup.js와 core.js, 그리고 필요할 때 불러오는 입력·출력·글꼴(음성 엔진 sre는 빼고)
PARTS = ["startup.js", "core.js", "input", "output", "a11y", "LICENSE"]
# 브라우저의 startup.js가 불러올 부분(core는 각 부분이 필요로 해 저절로 먼저 불러옵니다)
LOAD = ["input/mml", "output/chtml", "a11y/assistive-mml"]
BATCH = 10  # 한 번에 조판할 수식 수: 느린 휴대폰에서도 한 덩어리가 짧게

# 첫 화면이 그려진 것을 브라우저가 알린 뒤(first-contentful-paint), 알림이 없으면 load 뒤에
# startup.js를 붙이고, 수식을 BATCH개씩 조판합니다.
LOADER_JS = """(function () {
  var config = window.MathJax = window.MathJax || {};
  config.startup = config.startup || {};
  config.startup.typeset = false;
  // 넓은 문단 수식은 가로로 스크롤됩니다: 키보드로도 스크롤하도록 탭으로 닿게 합니다
  // (tex-chtml.js의 메뉴가 모든 수식에 해 주던 일을 문단 수식에만).
  var focusable = function () {
    document.querySelectorAll('mjx-container[display="true"]').forEach(function (c) {
      c.setAttribute("tabindex", "0");
    });
  };
  config.startup.pageReady = function () {
    var nodes = Array.prototype.slice.call(document.querySelectorAll(".math"));
    var step = function (i) {
      if (i >= nodes.length) return focusable();
      return MathJax.typesetPromise(nodes.slice(i, i + BATCH))
        .then(function () { return new Promise(function (done) { setTimeout(done, 0); }); })
        .then(function () { return step(i + BATCH); });
    };
    return step(0);
  };
  var started = false;
  var load = function () {
    if (started) return;
    started = true;
    var script = document.createElement("script");
    script.src = SRC;
    script.async = true;
    document.head.appendChild(script);
  };
  try {
    new PerformanceObserver(function (list) {
      if (list.getEntriesByName("first-contentful-paint").length) setTimeout(load, 0);
    }).observe({type: "paint", buffered: true});
  } catch (e) {}
  window.addEventListener("load", function () { setTimeout(load, 500); });
})();"""

# node에서 TeX → MathML. 한 페이지의 식들을 한 줄(JSON 목록)로 보내고 한 줄로 받습니다.
NODE_TEX2MML = """
require(process.argv[1]).init({loader: {load: ["input/tex"]}}).then(function (MathJax) {
  var rl = require("readline").createInterface({input: process.stdin});
  rl.on("line", function (line) {
    var answers = JSON.parse(line).map(function (q) {
      try { return {mml: MathJax.tex2mml(q.tex, {display: q.display})}; }
      catch (e) { return {error: String(e && e.message || e)}; }
    });
    process.stdout.write(JSON.stringify(answers) + "\\n");
  });
  process.stdout.write(JSON.stringify({ready: true}) + "\\n");
});
"""

_INLINE = re.compile(r'(<span class="math[^"]*"[^>]*>)\\\((.*?)\\\)(</span>)', re.S)
_DISPLAY = re.compile(r'(<div class="math[^"]*"[^>]*>)\s*\\\[(.*?)\\\]', re.S)


def _mathjax_dir(app: Sphinx) -> Path:
    return Path(app.confdir) / "node_modules" / "mathjax" / "es5"


class TexToMathML:
    """빌드 동안 살아 있는 node 프로세스 하나. 같은 식은 한 번만 바꿉니다."""

    def __init__(self, mathjax_package: Path):
        node = shutil.which("node")
        if node is None:
            raise ExtensionError("node가 없습니다: 수식을 MathML로 바꾸려면 Node.js가 필요합니다(npm과 함께 설치).")
        self.proc = subprocess.Popen([node, "-e", NODE_TEX2MML, str(Path(mathjax_package).resolve())],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     encoding="utf-8")
        if json.loads(self._readline()).get("ready") is not True:
            raise ExtensionError("MathJax(node)가 준비되지 않았습니다")
        self.cache: dict[tuple[str, bool], str] = {}

    def _readline(self) -> str:
        line = self.proc.stdout.readline()
        if not line:
            raise ExtensionError(f"MathJax(node)가 멈췄습니다 (종료 코드 {self.proc.poll()})")
        return line

    def convert(self, items: list[tuple[str, bool]]) -> list[tuple[str, str | None]]:
        """[(TeX, 문단 수식인가)] → [(MathML, 오류)]. 오류는 MathJax가 TeX를 읽지 못한 까닭(없으면 None)."""
        todo = sorted({item for item in items if item not in self.cache})
        if todo:
            self.proc.stdin.write(json.dumps([{"tex": t, "display": d} for t, d in todo]) + "\n")
            self.proc.stdin.flush()
            for item, answer in zip(todo, json.loads(self._readline()), strict=True):
                # 들여쓰기만 걷어 냅니다(MathML은 태그 사이의 공백을 무시합니다).
                self.cache[item] = ("", answer["error"]) if "error" in answer else (
                    re.sub(r">\s+<", "><", answer["mml"]).strip(), None)
        results = []
        for item in items:
            mml, error = self.cache[item]
            bad = re.search(r'<merror[^>]*>.*?</merror>|<mtext mathcolor="red">(.*?)</mtext>', mml)
            results.append((mml, error or ((bad.group(1) or bad.group(0)) if bad else None)))
        return results

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)


def _check_installed(app: Sphinx) -> None:
    if not (_mathjax_dir(app) / "startup.js").is_file():
        raise ExtensionError(
            f"MathJax가 없습니다: {_mathjax_dir(app)}. 저장소 루트에서 'npm ci'를 먼저 실행하세요.")


def _configure(app: Sphinx, config) -> None:
    # 다른 확장(myst)이 넣는 options는 그대로 두고 loader만 더합니다.
    settings = dict(config.mathjax3_config or {})
    settings["loader"] = {**settings.get("loader", {}), "load": LOAD}
    config.mathjax3_config = settings


def _converter(app: Sphinx) -> TexToMathML:
    if getattr(app, "_tex_to_mathml", None) is None:
        app._tex_to_mathml = TexToMathML(_mathjax_dir(app).parent)
    return app._tex_to_mathml


def _convert_math(converter: TexToMathML, pagename: str, text: str) -> str:
    """HTML 조각 안의 \\(…\\)와 \\[…\\]를 MathML로."""
    found = [(m, True) for m in _DISPLAY.finditer(text)] + [(m, False) for m in _INLINE.finditer(text)]
    if not found:
        return text
    results = converter.convert([(html.unescape(m.group(2)).strip(), display) for m, display in found])
    out, last = [], 0
    for (match, display), (mml, error) in sorted(zip(found, results), key=lambda f: f[0][0].start()):
        if match.start() < last:  # 문단 수식 안의 글줄 수식은 이미 바뀜
            continue
        if error is not None:
            logger.warning(f"{pagename}: MathJax가 TeX를 읽지 못했습니다: {error} (식: {match.group(2)})")
            mml = match.group(0)
        else:
            mml = match.group(1) + mml + ("" if display else match.group(3))
        out += [text[last:match.start()], mml]
        last = match.end()
    return "".join(out) + text[last:]


def _tex_to_mathml(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                   doctree: Any) -> None:
    """본문과, 제목의 수식이 들어가는 이 페이지의 목차(toc)의 TeX를 MathML로 바꿉니다."""
    for key, value in list(context.items()):
        if isinstance(value, str) and 'class="math' in value:
            context[key] = _convert_math(_converter(app), pagename, value)


def _load_after_first_paint(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                             doctree: Any) -> None:
    """Sphinx가 넣은 ``<script defer src=…/startup.js>``를 첫 그리기 뒤에 불러오는 인라인 스크립트로 바꿉니다."""
    scripts = context.get("script_files", [])
    for i, js in enumerate(scripts):
        if str(getattr(js, "filename", "") or "").endswith(app.config.mathjax_path):
            src = context["pathto"](f"_static/{app.config.mathjax_path}", 1)
            body = LOADER_JS.replace("BATCH", str(BATCH)).replace("SRC", json.dumps(src))
            scripts[i] = type(js)("", priority=js.priority, body=body)


def _copy(app: Sphinx, exc: Exception | None) -> None:
    if getattr(app, "_tex_to_mathml", None) is not None:
        app._tex_to_mathml.close()
        app._tex_to_mathml = None
    if exc is not None or app.builder.format != "html":
        return
    src, dest = _mathjax_dir(app), Path(app.outdir) / "_static" / "mathjax"
    for part in PARTS:
        source = src / part if part != "LICENSE" else src.parent / "LICENSE"
        if source.is_dir():
            shutil.copytree(source, dest / part, dirs_exist_ok=True)
        else:
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / part)


def setup(app: Sphinx) -> dict[str, object]:
    app.config.mathjax_path = "mathjax/startup.js"  # _static/ 기준
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _check_installed)
    app.connect("html-page-context", _tex_to_mathml)
    app.connect("html-page-context", _load_after_first_paint, priority=800)  # mathjax가 넣은 뒤
    app.connect("build-finished", _copy)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
