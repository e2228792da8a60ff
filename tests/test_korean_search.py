"""한국어 검색(book/_ext/korean_search.py) 검사. 브라우저 없이 돕니다(검색 칸은 test_browser_pages.py가 한 번 씀).

1. 조사 떼기 규칙을 Python에서 직접 확인합니다(과하게 떼지 않는지, 영문은 그대로인지).
2. 브라우저에 들어가는 JS Stemmer가 Python과 같은 답을 내는지 node로 확인합니다.
3. 빌드한 책(다른 검사와 같은 빌드)의 searchindex.js로 Sphinx의 기본 searchtools.js를 node에서 그대로 돌려,
   조사가 붙은 모양으로만 나오는 페이지도 맨 명사로, 조사 붙은 검색어로도 찾히는지 봅니다. 기대하는 페이지는
   빌드된 본문에서 골라내므로(고정하지 않음) 본문이 바뀌어도 검사가 따라갑니다.

확장을 끄면(_config.yml에서 korean_search를 빼면) 3이 실패합니다.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))

from korean_search import JS_STEMMER, SearchKorean, strip_particles  # noqa: E402
from sphinx.search.en import SearchEnglish  # noqa: E402

import _book  # noqa: E402

NOUNS = ["기울기", "함수", "역전파"]
ASCII_WORDS = ["ReLU", "autograd", "epoch"]
NODE = shutil.which("node")


# ---------------------------------------------------------------- 1. 조사 떼기 규칙

@pytest.mark.parametrize("word, stem", [
    ("기울기는", "기울기"), ("기울기를", "기울기"), ("기울기가", "기울기"), ("기울기도", "기울기"),
    ("함수를", "함수"), ("함수의", "함수"), ("역전파를", "역전파"), ("역전파입니다", "역전파"),
    ("기울기에서는", "기울기"), ("가중치들을", "가중치"), ("예측까지의", "예측"),
    ("값을", "값"), ("값으로", "값"), ("모델로", "모델"), ("직선이라는", "직선"),
])
def test_strips_particles(word, stem):
    assert strip_particles(word) == stem


@pytest.mark.parametrize("word", [
    # 한 글자 낱말, 조사 자체: 낱말 전체를 떼지 않습니다
    "값", "층", "는", "를", "가", "의", "도", "에서", "보다", "입니다",
    # 조사처럼 끝나는 명사: 받침 조건이 맞지 않거나(평가·차이·효과·경로), 한 글자만 남거나(정의·속도)
    "평가", "차이", "효과", "경로", "정의", "강의", "속도", "정도",
    # 맨 명사
    "기울기", "함수", "역전파",
])
def test_does_not_overstrip(word):
    assert strip_particles(word) == word


@pytest.mark.parametrize("word", ["ReLU", "autograd", "epoch", "epochs", "backward", "x", "W1"])
def test_ascii_words_like_english(word):
    ko, en = SearchKorean({}), SearchEnglish({})
    assert strip_particles(word) == word
    assert ko.split(word) == en.split(word) == [word]
    assert ko.stem(word) == en.stem(word)


def test_split_adds_stripped_form_and_keeps_original():
    words = SearchKorean({}).split("ReLU를 쓰면 기울기는 0입니다. loss.backward()를 부릅니다")
    assert words == ["ReLU를", "relu", "쓰면", "기울기는", "기울기", "0입니다", "0",
                     "loss", "backward", "를", "부릅니다"]


def _js_stem(words: list[str], stemmer_code: str) -> list[str]:
    script = stemmer_code + f"""
const s = new Stemmer();
console.log(JSON.stringify({json.dumps(words)}.map((w) => s.stemWord(w))));"""
    assert NODE is not None
    out = subprocess.run([NODE, "-e", script], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


WORDS = ["기울기는", "함수를", "역전파를", "기울기에서는", "값을", "값으로", "결과를", "평가", "정의를",
         "ReLU", "ReLU를", "Autograd와", "epochs", "running", "값", "는",
         unicodedata.normalize("NFD", "기울기는")]  # 자모로 풀린 입력도 같은 답


@pytest.fixture(scope="module")
def node():
    assert NODE, "node가 없습니다(package.json의 npm ci에도 필요합니다)"
    return NODE


def test_js_stemmer_matches_python(node):
    lang = SearchKorean({})
    python = [lang.stem(strip_particles(unicodedata.normalize("NFC", w).lower())) for w in WORDS]
    assert _js_stem(WORDS, JS_STEMMER) == python


# ---------------------------------------------------------------- 3. 빌드한 책

@pytest.fixture(scope="module")
def html(built_html: Path) -> Path:
    """README의 명령으로 빌드한 책(tests/conftest.py; 브라우저 검사와 같은 빌드를 씁니다)."""
    return built_html


@pytest.fixture(scope="module")
def page_words(html: Path) -> dict[str, set[str]]:
    return _book.page_words(html)


def test_some_page_has_only_particle_forms(page_words):
    """검사가 뜻이 있으려면 맨 명사 없이 조사 붙은 모양만 있는 페이지가 하나는 있어야 합니다."""
    only = {noun: _book.pages_with(page_words, noun)[1] for noun in NOUNS}
    assert any(only.values()), f"본문이 바뀌었습니다. 조사 붙은 모양만 있는 페이지가 없습니다: {only}"


# searchtools.js, language_data.js, searchindex.js를 node에서 그대로 불러 검색을 돌립니다.
# (DOM이 필요 없는 _parseQuery와 _performSearch만 씁니다.)
SEARCH_JS = r"""
const vm = require("vm"), fs = require("fs"), path = require("path");
const [dir, queries] = [process.argv[1], JSON.parse(process.argv[2])];
const ctx = vm.createContext({SPHINX_HIGHLIGHT_ENABLED: false, _ready: () => {}, _: (s) => s,
                              document: {getElementById: () => null}, console});
for (const f of ["_static/searchtools.js", "_static/language_data.js", "searchindex.js"])
  vm.runInContext(fs.readFileSync(path.join(dir, f), "utf8"), ctx, {filename: f});
console.log(vm.runInContext(`JSON.stringify(${JSON.stringify(queries)}.map((q) => {
  const [query, terms, excluded, highlight, objects] = Search._parseQuery(q);
  return {split: splitQuery(q), terms: [...terms],
          docs: Search._performSearch(query, terms, excluded, highlight, objects).map((r) => r[0])};
}))`, ctx));
"""

QUERIES = ["기울기", "기울기는", "기울기를", "함수", "함수를", "역전파", "역전파를", *ASCII_WORDS]


@pytest.fixture(scope="module")
def searched(html: Path, node) -> dict[str, dict]:
    out = subprocess.run([node, "-e", SEARCH_JS, str(html), json.dumps(QUERIES)],
                         capture_output=True, text=True, check=True)
    return dict(zip(QUERIES, json.loads(out.stdout)))


def test_stock_splitter_keeps_hangul_words(searched):
    assert searched["기울기는"]["split"] == ["기울기는"]
    assert searched["ReLU"]["split"] == ["ReLU"]


@pytest.mark.parametrize("query", [q for q in QUERIES if not q.isascii()])
def test_searchtools_finds_pages_for_korean_query(query, searched, page_words):
    noun = next(n for n in NOUNS if query.startswith(n))
    result = searched[query]
    assert result["terms"] == [noun]
    expected = _book.pages_with(page_words, noun)[0]
    assert expected, f"본문에 {noun}이(가) 없습니다"
    missing = expected - set(result["docs"])
    assert not missing, f"'{query}' 검색에 빠진 페이지: {missing}"


@pytest.mark.parametrize("query", ASCII_WORDS)
def test_searchtools_finds_pages_for_english_query(query, searched, page_words):
    expected = {doc for doc, words in page_words.items() if query.lower() in words}
    assert searched[query]["terms"] == [SearchEnglish({}).stem(query)]
    assert expected and expected <= set(searched[query]["docs"])
