"""Sphinx 검색에 한국어를 더하는 작은 확장(``language: ko``).

Sphinx에는 한국어 검색 언어가 없어 영어 규칙으로 색인합니다. 그러면 '기울기는', '함수를'처럼
조사가 붙은 낱말이 통째로 색인되어, 맨 명사 '기울기'를 찾는 학습자에게는 그 페이지가 나오지
않습니다. 이 확장은 다음처럼 고칩니다.

* 색인할 때: 한글이 든 낱말마다 원래 모양과, 끝의 조사를 떼어 낸 모양을 **둘 다** 넣습니다.
* 검색할 때: 브라우저의 기본 ``searchtools.js``가 검색어마다 부르는 ``Stemmer.stemWord``에
  같은 규칙(같은 조사 표)을 넣어, '기울기는'으로 찾아도 '기울기'로 찾게 합니다.
* 한글이 없는 낱말(ReLU, autograd, epoch)은 지금까지처럼 영어 Porter 어간 처리를 합니다.

낱말 나누기는 바꾸지 않습니다: Python의 ``\\w+``와 searchtools.js의 기본 ``splitQuery``
(``\\p{Letter}``…)가 모두 한글 음절을 글자로 보므로 띄어쓰기·문장부호에서만 나뉩니다.
"""

from __future__ import annotations

import json
import re
import unicodedata

from sphinx.application import Sphinx
from sphinx.search.en import SearchEnglish, js_porter_stemmer

# 조사 표: (조사, 앞 글자의 받침 조건, 떼고 나서 남아야 할 최소 글자 수).
# 받침 조건 — "C": 받침 있음(값을), "V": 받침 없음(함수를), "VL": 받침 없음 또는 ㄹ(모델로),
# "CL": ㄹ 아닌 받침(값으로), "": 조건 없음. 모양이 받침에 따라 갈리는 조사는 조건으로 걸러지므로
# 한 글자만 남아도 뗍니다(값을 → 값, 그러나 평가·차이·효과·경로는 그대로). 조건 없는 한 글자
# 조사(의·도·만)는 정의·강의·속도·정도·천만이 잘리지 않게 두 글자 이상 남을 때만 뗍니다.
PARTICLES: list[tuple[str, str, int]] = [
    ("이라는", "C", 1), ("라는", "V", 1),
    ("입니다", "", 1), ("이다", "", 1),
    ("에서", "", 1), ("에게", "", 1), ("부터", "", 1), ("까지", "", 1),
    ("처럼", "", 1), ("보다", "", 1), ("마다", "", 1), ("만큼", "", 1),
    ("으로", "CL", 1), ("로", "VL", 1), ("이나", "C", 1),
    ("은", "C", 1), ("는", "V", 1), ("이", "C", 1), ("가", "V", 1),
    ("을", "C", 1), ("를", "V", 1), ("과", "C", 1), ("와", "V", 1),
    ("에", "", 1), ("들", "", 1),  # 들: 조사는 아니지만 복수(값들을 → 값들 → 값)
    ("의", "", 2), ("도", "", 2), ("만", "", 2),
]
PARTICLES.sort(key=lambda p: -len(p[0]))  # 가장 긴 것부터 맞춰 봅니다(에서 → 에 순서)

HANGUL = "[\u3131-\u318e\uac00-\ud7a3]"  # 호환 자모와 완성형 음절(NFC로 맞춘 뒤)
_hangul = re.compile(HANGUL)


def _fits(prev: str, cond: str) -> bool:
    """조사 바로 앞 글자가 받침 조건에 맞는지. 한글 음절이 아니면(ReLU를) 알 수 없으니 허용."""
    code = ord(prev) - 0xAC00
    if not cond or not 0 <= code < 11172:
        return True
    final = code % 28  # 0: 받침 없음, 8: ㄹ
    return {"C": final != 0, "V": final == 0,
            "VL": final in (0, 8), "CL": final not in (0, 8)}[cond]


def strip_particles(word: str) -> str:
    """끝에 붙은 조사를 더 뗄 것이 없을 때까지 뗍니다: 기울기에서는 → 기울기에서 → 기울기.

    한 번만 떼면 '결과'(→ 결)와 '결과를'(→ 결과)이 서로 못 찾으므로, 색인과 검색 모두
    끝까지 뗀 같은 뿌리로 맞춥니다. 낱말 전체를 떼어 내는 일은 없습니다.
    """
    changed = True
    while changed:
        changed = False
        for particle, cond, keep in PARTICLES:
            stem = word[:-len(particle)]
            if (word.endswith(particle) and len(stem) >= keep
                    and _fits(stem[-1], cond)):
                word, changed = stem, True
                break
    return word


# 브라우저 쪽: 영어 Porter Stemmer를 감싸 위와 같은 규칙을 먼저 적용합니다. 표는 JSON(\u 이스케이프)
# 으로 넣어, 서버가 .js의 문자 집합을 알리지 않아도 깨지지 않게 합니다.
JS_STEMMER = js_porter_stemmer + """
/* 한국어: 조사를 뗀 뒤, 한글이 없으면 영어 Porter (book/_ext/korean_search.py와 같은 규칙) */
var PorterStemmer = Stemmer;
Stemmer = function() {
  var porter = new PorterStemmer();
  var particles = PARTICLES;
  var hangul = new RegExp(HANGUL);
  var fits = function(prev, cond) {
    var code = prev.charCodeAt(0) - 0xAC00;
    if (!cond || code < 0 || code >= 11172) return true;
    var fin = code % 28;
    return {C: fin != 0, V: fin == 0, VL: fin == 0 || fin == 8, CL: fin != 0 && fin != 8}[cond];
  };
  this.stripParticles = function(w) {
    for (var changed = true; changed; ) {
      changed = false;
      for (var i = 0; i < particles.length; i++) {
        var p = particles[i][0], stem = w.slice(0, w.length - p.length);
        if (w.endsWith(p) && stem.length >= particles[i][2] && fits(stem.slice(-1), particles[i][1])) {
          w = stem; changed = true; break;
        }
      }
    }
    return w;
  };
  this.stemWord = function(w) {
    w = this.stripParticles(w.normalize("NFC").toLowerCase());
    return hangul.test(w) ? w : porter.stemWord(w);
  };
};
""".replace("PARTICLES", json.dumps(PARTICLES)).replace("HANGUL", json.dumps(HANGUL))


class SearchKorean(SearchEnglish):
    """영어 검색(불용어, Porter)에 한국어 조사 떼기를 더한 검색 언어."""

    lang = "ko"
    language_name = "Korean"
    js_stemmer_code = JS_STEMMER

    def split(self, input: str) -> list[str]:
        # Sphinx는 낱말마다 색인어를 하나만 만들므로, 조사를 뗀 모양을 낱말 목록에 함께 넣습니다.
        words = []
        for word in super().split(unicodedata.normalize("NFC", input)):
            words.append(word)
            stripped = strip_particles(word.lower())
            if stripped != word.lower():
                words.append(stripped)
        return words

    def stem(self, word: str) -> str:
        # 조사는 split()에서 이미 뗐습니다. 한글이 든 낱말은 그대로, 나머지는 영어처럼.
        return word.lower() if _hangul.search(word) else super().stem(word)


def setup(app: Sphinx) -> dict[str, object]:
    app.add_search_language(SearchKorean)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
