"""빌드한 책의 모든 페이지를 Lighthouse(모바일 기본값)로 재고 표로 보여 줍니다.

    npm ci                                   # lighthouse는 package.json에 고정(devDependencies)
    .venv/bin/jupyter-book build . -W --keep-going
    python tools/lighthouse.py               # _toc.yml의 모든 페이지
    python tools/lighthouse.py --runs 3 book/intro book/05_batch

책은 tools/serve.py(정적 호스트처럼 gzip으로 압축)로 127.0.0.1에서 내주고, Chromium은 Debian의
/usr/bin/chromium(CHROME_PATH로 바꿀 수 있음)을 인터넷에 나가지 않는 옵션으로 띄웁니다.

접근성·권장사항·SEO 중 하나라도 100 미만인 페이지가 있으면 0이 아닌 값으로 끝납니다(.ci/run).
이 셋은 같은 페이지에서 늘 같은 값입니다. 성능 점수는 이 컴퓨터의 부하에 따라 흔들리므로
재서 보고만 합니다(목표 ≥ 90, README의 표). --runs N이면 페이지마다 N번 재서 성능이 중간인 실행을 씁니다.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from book_pages import chosen_pages  # noqa: E402
from serve import serve  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
ASSERTED = ["accessibility", "best-practices", "seo"]  # 결정적인 점수: 100이어야 합니다
PERFORMANCE_GOAL = 90
# 인터넷이 없는 컴퓨터에서 Chromium이 Google에 접속하려 하지 않게 합니다.
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
                "--disable-client-side-phishing-detection", "--metrics-recording-only",
                "--no-default-browser-check", "--mute-audio"]


def run_lighthouse(url: str, out: Path, chrome: str) -> dict:
    """Lighthouse 한 번. 결과 JSON(lhr)을 돌려줍니다."""
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
           f"--only-categories={','.join(CATEGORIES)}",
           f"--chrome-flags={' '.join(CHROME_FLAGS)}"]
    env = dict(os.environ, CHROME_PATH=chrome)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse가 {url}에서 실패했습니다 (종료 코드 {done.returncode}):\n"
                           f"{done.stderr[-3000:]}")
    lhr = json.loads(out.read_text(encoding="utf-8"))
    if lhr.get("runtimeError"):
        raise RuntimeError(f"lighthouse가 {url}을 읽지 못했습니다: {lhr['runtimeError']}")
    return lhr


def summarize(page: str, lhr: dict) -> dict:
    audits, cats = lhr["audits"], lhr["categories"]
    row = {"page": page}
    for c in CATEGORIES:
        score = cats[c]["score"]
        row[c] = None if score is None else round(score * 100)
    row["fcp_s"] = audits["first-contentful-paint"]["numericValue"] / 1000
    row["lcp_s"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    row["tbt_ms"] = audits["total-blocking-time"]["numericValue"]
    row["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    row["transfer_kb"] = audits["total-byte-weight"]["numericValue"] / 1024
    # 100점이 아닌 범주에서 점수를 깎은 검사들(무엇을 고칠지 보이도록)
    row["failed"] = sorted({
        f"{c}: {ref['id']} — {audits[ref['id']]['title']}"
        for c in CATEGORIES if c != "performance"
        for ref in cats[c]["auditRefs"]
        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None
        and audits[ref["id"]]["score"] < 1})
    return row


def table(rows: list[dict]) -> str:
    lines = ["| 페이지 | 성능 | 접근성 | 권장사항 | SEO | FCP | LCP | TBT | CLS | 전송량 |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r['page'].split('/')[-1]} | {r['performance']} | {r['accessibility']} | "
            f"{r['best-practices']} | {r['seo']} | {r['fcp_s']:.1f} s | {r['lcp_s']:.1f} s | "
            f"{r['tbt_ms']:.0f} ms | {r['cls']:.3f} | {r['transfer_kb']:.0f} KB |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="예: book/intro (기본: _toc.yml의 모든 페이지)")
    parser.add_argument("--runs", type=int, default=1, help="페이지마다 잴 횟수(성능이 중간인 실행을 보고)")
    parser.add_argument("--html", type=Path, default=HTML, help="빌드한 책 (기본: _build/html)")
    parser.add_argument("--json", type=Path, help="요약을 JSON으로도 저장할 파일")
    args = parser.parse_args(argv)

    if args.runs < 1:
        parser.error(f"--runs must be a positive number of runs per page, got {args.runs}")
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).is_file():
        parser.error(f"Chromium not found at {chrome!r} (CHROME_PATH): apt-get install chromium")
    if not LIGHTHOUSE.is_file():
        parser.error(f"lighthouse not found at {LIGHTHOUSE}: run 'npm ci' in the repository root")
    pages = chosen_pages(parser, args.pages, args.html)

    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    try:
        with serve(args.html) as url:
            for page in pages:
                runs = [summarize(page, run_lighthouse(f"{url}/{page}.html", tmp / f"{i}.json", chrome))
                        for i in range(args.runs)]
                runs.sort(key=lambda r: r["performance"] or 0)
                rows.append(runs[len(runs) // 2])
                r = rows[-1]
                print(f"{page}: 성능 {r['performance']}, 접근성 {r['accessibility']}, "
                      f"권장사항 {r['best-practices']}, SEO {r['seo']}", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"Lighthouse (모바일 기본값), {len(pages)}쪽, 실행 {args.runs}번 중 성능이 중간인 것:")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")

    slow = [r["page"] for r in rows if (r["performance"] or 0) < PERFORMANCE_GOAL]
    if slow:
        print(f"성능 목표(≥ {PERFORMANCE_GOAL})에 못 미친 페이지(보고만 함): {', '.join(slow)}")
    bad = [r for r in rows if any(r[c] is None or r[c] < 100 for c in ASSERTED)]
    for r in bad:
        print(f"{r['page']}: 접근성·권장사항·SEO가 100이 아닙니다", file=sys.stderr)
        for f in r["failed"]:
            print(f"  - {f}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
