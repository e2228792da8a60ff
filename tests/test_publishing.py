"""게시 워크플로와 페이지 무게."""

import re
import sys

import yaml

from _book import CHAPTERS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
from page_weight import LIMIT_KB, page_weights  # noqa: E402

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands():
    blocks = re.findall(r"```bash\n(.*?)\n```", README, flags=re.S)
    build = next(b for b in blocks if "jupyter-book build" in b)
    test = next(b for b in blocks if "pytest --nbval" in b)
    return build, test


def test_workflow_runs_the_readme_commands_and_publishes_the_book():
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text(encoding="utf-8"))
    trigger = wf.get("on", wf.get(True))  # YAML 1.1은 'on'을 참(True)으로 읽습니다
    assert trigger["push"]["branches"] == ["main"]
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = wf["jobs"]["build"]["steps"]
    runs = [s["run"] for s in build if "run" in s]
    readme_build, readme_test = readme_commands()
    assert readme_test in runs and readme_build in runs
    assert runs.index(readme_test) < runs.index(readme_build)
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "_build/html"
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_every_chapter_page_weighs_less_than_300_kb(built_html):
    weights = page_weights(built_html)
    assert sorted(weights) == sorted(["book/intro", *CHAPTERS])
    heavy = {k: f"{v / 1024:.0f} KB" for k, v in weights.items() if v >= LIMIT_KB * 1024}
    assert not heavy, heavy
