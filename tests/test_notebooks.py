"""책의 노트북: 원본 값(골든), 깨끗한 저장 출력, Colab 설치 셀.

노트북을 다시 실행해 출력이 글자 그대로 나오는지는 `pytest --nbval`이 book/의 노트북마다 확인합니다.
여기서는 저장된 출력(독자가 보는 것)을 원본 노트북의 줄들과 비교합니다.
"""

import json
import re
from pathlib import Path

import pytest
import yaml

from _book import PAGES
from _golden import CHAPTERS, GOLDEN, golden_blocks, seed_blocks

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
NOTEBOOKS = sorted(p.stem for p in BOOK.glob("*.ipynb"))
SEED = ROOT.parent / "shared" / "seed" / "original-notebook.txt"


def notebook(name):
    return json.loads((BOOK / f"{name}.ipynb").read_text(encoding="utf-8"))


def outputs(nb):
    for cell in nb["cells"]:
        yield from cell.get("outputs", [])


def stdout_lines(nb):
    text = "".join("".join(o["text"]) for o in outputs(nb)
                   if o["output_type"] == "stream" and o["name"] == "stdout")
    return text.splitlines()


def test_the_original_four_sections_are_chapters_in_order_and_every_notebook_is_in_the_toc():
    original = [f"book/{n}" for n in CHAPTERS]
    assert [p for p in PAGES if p in original] == original           # 원본의 순서 그대로
    assert PAGES.index(original[0]) == 1 and PAGES.index(original[-1]) <= 5  # 앞쪽 장들 사이에
    assert set(f"book/{n}" for n in NOTEBOOKS) <= set(PAGES)
    assert list(golden_blocks()) == CHAPTERS


@pytest.mark.parametrize("name", CHAPTERS)
def test_stored_outputs_print_every_original_line_in_order(name):
    """원본이 출력한 줄이 모두, 같은 순서로, 글자 그대로 저장된 출력에 있어야 합니다."""
    lines = iter(stdout_lines(notebook(name)))
    for expected in golden_blocks()[name].splitlines():
        assert any(line == expected for line in lines), f"{name}: 원본의 줄이 없습니다: {expected!r}"


def test_golden_file_is_the_original_notebook_text():
    if not SEED.exists():
        pytest.skip(f"원본 노트북이 이 체크아웃 옆에 없습니다: {SEED.name}")
    blocks = seed_blocks(SEED.read_text(encoding="utf-8"))
    assert blocks == [golden_blocks()[n] for n in CHAPTERS], GOLDEN


UNCLEAN = re.compile(r"/root/|/home/|/tmp/|/work/|site-packages|0x[0-9a-fA-F]{6,}|"
                     r"Warning|Traceback|\d+(\.\d+)? ?(ms|µs|s)\b|wall time|CPU times")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_stored_outputs_are_clean(name):
    nb = notebook(name)
    for cell in nb["cells"]:
        assert "execution" not in cell.get("metadata", {}), "실행 시각이 저장되어 있습니다"
        for o in cell.get("outputs", []):
            assert o["output_type"] in {"stream", "display_data", "execute_result"}, o["output_type"]
            assert not (o["output_type"] == "stream" and o["name"] == "stderr"), "stderr 출력"
            text = "".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
            assert not UNCLEAN.search(text), f"{name}: 독자가 보면 안 될 출력: {text!r}"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1)), "위에서 아래로 한 번에 실행"


def repository_url():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["repository"]["url"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_first_code_cell_installs_the_package_only_when_missing(name):
    first = next(c for c in notebook(name)["cells"] if c["cell_type"] == "code")
    source = "".join(first["source"])
    assert f'REPO = "{repository_url()}"' in source and 'f"git+{REPO}"' in source
    assert 'if importlib.util.find_spec("backprop_lesson") is None:' in source
    assert not re.search(r"\b(torch|numpy|matplotlib)\b[=<>]", source)  # 셋을 다시 깔지 않습니다
    assert "--upgrade" not in source and "-U " not in source


FLOAT32_TORCH = ("example_tensors", "torch.float32")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_chapters_with_float32_torch_numbers_opt_in_to_reproducible_matmul_first(name):
    """float32 torch 숫자를 내는 장은 둘째 코드 셀(설치 다음)의 맨 앞에서, torch보다 먼저 재현성을 켭니다.

    MKL은 첫 행렬곱 때 MKL_CBWR을 읽습니다. import backprop_lesson은 아무것도 켜지 않으므로(4장)
    켜지 않은 장은 float32 torch를 쓰지 않아야 합니다(6장은 float64만 씁니다).
    """
    code = ["".join(c["source"]) for c in notebook(name)["cells"] if c["cell_type"] == "code"]
    everything = "\n".join(code)
    uses_float32_torch = any(s in everything for s in FLOAT32_TORCH)
    opts_in = "use_reproducible_matmul()" in everything
    assert uses_float32_torch == opts_in, name
    if opts_in:
        first = code[1]
        assert first.startswith("from backprop_lesson import use_reproducible_matmul\n\nuse_reproducible_matmul()")
        assert everything.count("use_reproducible_matmul()") == 1


def test_repository_url_agrees_with_the_package_metadata():
    url = repository_url()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'Source = "{url}"' in pyproject
