"""게시 워크플로와 페이지 무게."""

import gzip
import re

import yaml

from _book import CHAPTERS, ROOT

LIMIT_KB = 300
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands():
    blocks = re.findall(r"```bash\n(.*?)\n```", README, flags=re.S)
    build = next(b for b in blocks if "jupyter-book build" in b)
    test = next(b for b in blocks if "pytest --nbval" in b)
    return build, test


def test_the_workflow_runs_the_ci_script_which_runs_the_readme_commands_and_publishes_the_book():
    """GitHub의 워크플로와 .ci/run은 같은 검사를 합니다: 워크플로는 .ci/run을 실행하고 그 빌드를 게시합니다."""
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text(encoding="utf-8"))
    trigger = wf.get("on", wf.get(True))  # YAML 1.1은 'on'을 참(True)으로 읽습니다
    assert trigger["push"]["branches"] == ["main"]
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = wf["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    ci = next(i for i, r in enumerate(runs) if r.rstrip().endswith(".ci/run"))
    assert not any("pytest" in r or "jupyter-book" in r for r in runs), "검사와 빌드는 .ci/run에서만"
    upload = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert ci < upload and steps[upload]["with"]["path"] == "_build/html"
    assert wf["jobs"]["deploy"]["needs"] == "build"
    assert wf["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme_build, readme_test = readme_commands()
    for command in (readme_build.split(" && ")[-1], readme_test.split(" && ")[-1], "npm ci"):
        assert command.removeprefix(".venv/bin/") in script, command


def test_the_katex_css_and_fonts_are_the_version_that_renders_the_math():
    """빌드할 때 수식을 그리는 KaTeX(sphinxcontrib-katex에 든 katex.min.js)와 브라우저가 받는 CSS·글꼴(npm)이 같은 판"""
    import json

    import sphinxcontrib.katex

    npm = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["katex"]
    assert npm == sphinxcontrib.katex.katex_version
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/katex"]["version"] == npm


def test_every_chapter_page_weighs_less_than_300_kb(built_html):
    """페이지 자신이 내려받게 하는 양: gzip으로 보낸 HTML + 그 페이지가 보여 주는 _images/의 그림(PNG는 이미 압축).

    테마와 KaTeX의 공용 파일은 뺍니다(첫 방문의 전체 전송량은 .ci/run의 Lighthouse가 300 KB 한도로 잽니다).
    빌드할 때 그린 수식(KaTeX의 HTML과 MathML)은 압축 전에는 크지만(2장 약 460 KB) 잘 압축됩니다.
    """
    weights = {}
    for page in (built_html / "book").glob("*.html"):
        html = page.read_bytes()
        images = set(re.findall(r'<img[^>]+src="\.\./(_images/[^"]+)"', html.decode("utf-8")))
        weights[f"book/{page.stem}"] = len(gzip.compress(html, 6)) + sum((built_html / i).stat().st_size
                                                                          for i in images)
    assert sorted(weights) == sorted(["book/intro", *CHAPTERS])
    heavy = {k: f"{v / 1024:.0f} KB" for k, v in weights.items() if v >= LIMIT_KB * 1024}
    assert not heavy, heavy
