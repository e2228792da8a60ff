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


PLUMBING = re.compile(r"\b(importlib|subprocess|PIP_\w+|use_reproducible_matmul|os\.environ|MKL_CBWR)\b")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_the_setup_cell_is_the_only_plumbing_and_the_book_folds_it(name):
    """준비(설치, 재현성 설정)는 첫 코드 셀 하나에만 있고, 그 셀은 HTML에서 접힙니다(hide-input)."""
    code = [c for c in notebook(name)["cells"] if c["cell_type"] == "code"]
    assert code[0]["metadata"].get("tags") == ["hide-input"], name
    assert not code[0]["outputs"], "준비 셀은 아무것도 출력하지 않습니다"
    for cell in code[1:]:
        found = PLUMBING.search("".join(cell["source"]))
        assert not found, f"{name}: 보이는 셀에 준비 코드 {found.group()!r}"


FLOAT32_TORCH = ("example_tensors", "torch.float32")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_chapters_with_float32_torch_numbers_opt_in_to_reproducible_matmul_first(name):
    """float32 torch 숫자를 내는 장은 준비 셀(첫 코드 셀)의 끝에서, torch로 무엇을 하기 전에 재현성을 켭니다.

    MKL은 첫 행렬곱 때 MKL_CBWR을 읽습니다. import backprop_lesson은 아무것도 켜지 않으므로(이 책에 대하여)
    켜지 않은 장은 float32 torch를 쓰지 않아야 합니다(6장은 float64만 씁니다).
    """
    code = ["".join(c["source"]) for c in notebook(name)["cells"] if c["cell_type"] == "code"]
    everything = "\n".join(code)
    uses_float32_torch = any(s in everything for s in FLOAT32_TORCH)
    opts_in = "use_reproducible_matmul()" in everything
    assert uses_float32_torch == opts_in, name
    if opts_in:
        assert "import torch" not in code[0] and everything.count("use_reproducible_matmul()") == 1
        assert code[0].splitlines()[-1].startswith("_ = use_reproducible_matmul()")


TEST_NAMES = sorted({m for p in (ROOT / "tests").glob("*.py")
                     for m in re.findall(r"^def (test_\w+)", p.read_text(encoding="utf-8"), re.M)})
MACHINERY = re.compile(r"nbval|MKL|CBWR|README|tools/|tests/|\b(?:" + "|".join(TEST_NAMES) + r")\b")


def reader_text(page):
    """학습자가 읽는 글: 마크다운 셀과 보이는 코드 셀(접힌 준비 셀 빼고)과 그 출력."""
    path = ROOT / f"{page}.md"
    if path.exists():
        return path.read_text(encoding="utf-8")
    cells = notebook(page.removeprefix("book/"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    shown = [c for c in cells if c is not code[0]]
    return "\n".join("".join(c["source"]) + "".join("".join(o.get("text", "")) for o in c.get("outputs", []))
                     for c in shown)


@pytest.mark.parametrize("page", [p for p in PAGES if p != "book/about"])
def test_chapters_speak_to_the_learner_not_about_the_machinery(page):
    """검사 이름, nbval, MKL, README, tools/, tests/는 '이 책에 대하여'에만 있습니다."""
    found = sorted({m.group() for m in MACHINERY.finditer(reader_text(page))})
    assert not found, f"{page}: {found}"


def test_the_about_page_has_the_machinery_and_every_chapter_can_reach_it():
    about = reader_text("book/about")
    for word in ("nbval", "MKL_CBWR", "tests/test_notebooks.py", "tools/bench_batch.py", "README",
                 "test_the_original_slip_value_needs_the_opt_in_on_some_cpus"):
        assert word in about, word
    assert len(TEST_NAMES) > 100 and PAGES[-1] == "book/about"


def test_repository_url_agrees_with_the_package_metadata():
    url = repository_url()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'Source = "{url}"' in pyproject


# 원소의 번호는 어디서나 numpy처럼 0부터 대괄호로(W1[0,1], x[2], ŷ[i]).
# 층 번호(W_1, z_2)와 에폭(e_t)의 아래첨자는 원소 번호가 아닙니다.
ELEMENT_SUBSCRIPT = re.compile(
    r"(?:(?<![A-Za-z\\])[A-Za-z]|\\hat\{[a-z]\}|\\texttt\{\w+\})_(?:[ijkmn]\b|\{[^}]*[,ijkmn][^}]*\})"
    # 위 줄: x_i, \hat{y}_i, \texttt{dz1}_{i,:}
    r"|(?<![A-Za-z\\])[xy]_\{\d|\$[xy]_\d"  # 입력·정답에는 층이 없습니다: $x_1$은 옛 첨자
    r"|\b(?:x|z1|a1|b1|W1|W2|dz1|dW1|dW2|db1|da1)_\{\d\}")  # 단계별 보기의 옛 첨자 z1_{1}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_numbers_elements_from_zero_in_brackets_like_the_code(page):
    """수식, 글, 코드, 그림 제목 어디서나 원소 번호는 대괄호 안의 0부터의 번호입니다(1장에서 한 번 말합니다)."""
    found = sorted({m.group() for m in ELEMENT_SUBSCRIPT.finditer(reader_text(page))})
    assert not found, f"{page}: {found}"
    assert "1부터" not in reader_text(page), "두 번호 체계를 설명하는 글은 필요 없습니다"


def test_every_chapter_is_sized_for_a_first_reading():
    """장마다 글 ~1,100어절, 보이는 코드 ~6,000자 이하(tools/chapter_sizes.py가 재는 그대로)."""
    from chapter_sizes import CODE_LIMIT, PROSE_LIMIT, TOLERANCE, chapters, prose_words, sizes

    assert prose_words("```python\nx = 1\n```\n$a + b$ 한 두 셋 $$c$$") == 3  # 코드와 수식은 세지 않습니다
    measured = {page: sizes(page) for page in chapters()}
    assert len(measured) >= 9
    too_big = {p: s for p, s in measured.items() if s[0] > PROSE_LIMIT * TOLERANCE or s[1] > CODE_LIMIT * TOLERANCE}
    assert not too_big, too_big
