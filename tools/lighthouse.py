"""빌드한 책의 모든 페이지를 Lighthouse(모바일 기본값, package.json에 고정)로 재고 표로 보여 줍니다.

    python tools/lighthouse.py                          # _toc.yml의 모든 페이지, 한 번씩
    python tools/lighthouse.py --runs 3 --write         # 세 번씩, 성능이 중간인 실행을 docs/measurements.md에
    python tools/lighthouse.py book/intro

책은 tools/site_check.py의 서버(정적 호스트처럼 gzip)로 127.0.0.1에서, Chromium은 그 파일의 CHROME과 옵션으로 엽니다.
접근성·권장사항·SEO가 100이 아니거나, 첫 방문 전송량이 300 KB를 넘거나, 첫 방문에 받은 KaTeX 글꼴 가운데 머리말
(<head>)이 미리 받게 하지 않은 것이 하나라도 있는 페이지가 있으면 1로 끝납니다(.ci/run). 무엇을 미리 받을지는
book/_ext/theme_patches.py의 KATEX_FONTS가 정합니다.
성능 점수(목표 ≥ 95)와 CLS(목표 ≤ 0.05)는 컴퓨터의 부하에 따라 흔들리므로 재서 보고만 합니다.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_check import CHROME, CHROMIUM_ARGS, HTML, ROOT, chosen, serve, write_section  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TRANSFER_LIMIT_KB = 300
PRELOADED = r'<link rel="preload" as="font"[^>]*href="[^"]*/([^"/]+)"'
HEADER = ("| 페이지 | 성능 | 접근성 | 권장사항 | SEO | FCP | LCP | TBT | CLS | 전송량 |\n"
          "|---|---|---|---|---|---|---|---|---|---|")


def measure(url: str, out: Path, page_html: str) -> dict:
    """Lighthouse 한 번의 요약: 범주 점수, FCP·LCP(s), TBT(ms), CLS, 전송량(KB), 100점을 깎은 검사들,
    그리고 첫 방문에 받았지만 page_html(그 페이지의 HTML)이 미리 받게 하지 않은 KaTeX 글꼴(늦게 오면 글과 표가 밀림)."""
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
                   env=dict(os.environ, CHROME_PATH=CHROME), check=True, timeout=300)
    lhr = json.loads(out.read_text(encoding="utf-8"))
    if lhr.get("runtimeError"):
        raise RuntimeError(f"lighthouse가 {url}을 읽지 못했습니다: {lhr['runtimeError']}")
    audits, cats = lhr["audits"], lhr["categories"]
    value = {k: audits[k]["numericValue"] for k in ("first-contentful-paint", "largest-contentful-paint",
                                                    "total-blocking-time", "cumulative-layout-shift",
                                                    "total-byte-weight")}
    return {**{c: round((cats[c]["score"] or 0) * 100) for c in CATEGORIES},
            "fcp": value["first-contentful-paint"] / 1000, "lcp": value["largest-contentful-paint"] / 1000,
            "tbt": value["total-blocking-time"], "cls": value["cumulative-layout-shift"],
            "kb": value["total-byte-weight"] / 1024,
            "late_fonts": sorted({r["url"].rsplit("/", 1)[-1] for r in audits["network-requests"]["details"]["items"]
                                  if "/KaTeX_" in r["url"]} - set(re.findall(PRELOADED, page_html))),
            "failed": sorted(f"{c}: {r['id']}" for c in CATEGORIES[1:] for r in cats[c]["auditRefs"]
                             if r["weight"] > 0 and audits[r["id"]]["score"] is not None
                             and audits[r["id"]]["score"] < 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help="예: book/intro (기본: _toc.yml의 모든 페이지)")
    parser.add_argument("--runs", type=int, default=1, help="페이지마다 잴 횟수(성능이 중간인 실행을 보고)")
    parser.add_argument("--write", action="store_true", help="표를 docs/measurements.md의 lighthouse 절에")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error(f"--runs must be a positive number of runs per page, got {args.runs}")
    if not LIGHTHOUSE.is_file():
        parser.error(f"lighthouse not found at {LIGHTHOUSE}: run 'npm ci' in the repository root")
    pages, rows, bad = chosen(parser, args.pages, HTML), [HEADER], []
    with tempfile.TemporaryDirectory() as tmp, serve(HTML) as url:
        for page in pages:
            html = (HTML / f"{page}.html").read_text(encoding="utf-8")
            runs = sorted((measure(f"{url}/{page}.html", Path(tmp) / "lhr.json", html) for _ in range(args.runs)),
                          key=lambda r: r["performance"])
            r = runs[len(runs) // 2]
            rows.append(f"| {page.split('/')[-1]} | {r['performance']} | {r['accessibility']} | "
                        f"{r['best-practices']} | {r['seo']} | {r['fcp']:.1f} s | {r['lcp']:.1f} s | "
                        f"{r['tbt']:.0f} ms | {r['cls']:.3f} | {r['kb']:.0f} KB |")
            print(rows[-1], flush=True)
            late = sorted(set().union(*(run["late_fonts"] for run in runs)))  # 어느 실행에서든
            reasons = ([f"100점이 아닌 검사 {r['failed']}"] if r["failed"] else []) + (
                [f"전송량 {r['kb']:.0f} KB (한도 {TRANSFER_LIMIT_KB} KB)"] if r["kb"] > TRANSFER_LIMIT_KB else []) + (
                [f"미리 받지 않은 KaTeX 글꼴 {late}"] if late else [])
            if reasons:
                bad.append(f"{page}: {', '.join(reasons)}")
    if args.write:
        load = os.getloadavg()[0]
        write_section("lighthouse", f"{time.strftime('%Y-%m-%d')}, 실행 {args.runs}번 중 성능이 중간인 것 "
                      f"(잴 때의 부하 {load:.1f}):\n\n" + "\n".join(rows))
    for line in bad:
        print(f"통과하지 못한 페이지: {line}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
