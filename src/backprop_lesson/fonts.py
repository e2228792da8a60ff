"""matplotlib에서 한글을 쓰기 위한 글꼴 설정.

koreanize-matplotlib 패키지에 들어 있는 나눔고딕(NanumGothic) 파일을 matplotlib에
등록합니다. 그 패키지를 import하면 Python 3.12+에 없는 distutils를 찾으므로,
import하지 않고 글꼴 파일의 위치만 찾아 씁니다(인터넷 없이, 시스템 글꼴 없이 동작).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import matplotlib
from matplotlib import font_manager

FONT_NAME = "NanumGothic"


def korean_font_files() -> list[Path]:
    """koreanize-matplotlib에 들어 있는 나눔고딕 .ttf 파일들의 경로."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "한글 글꼴을 담은 koreanize-matplotlib 패키지가 필요합니다: "
            "pip install koreanize-matplotlib")
    fonts_dir = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    return sorted(fonts_dir.glob("NanumGothic*.ttf"))


def use_korean_font() -> str:
    """나눔고딕을 matplotlib에 등록하고 기본 글꼴로 정합니다. 글꼴 이름을 돌려줍니다.

    이후 그리는 모든 그림의 제목·축 이름에 한글을 쓸 수 있습니다.
    """
    registered = {f.name for f in font_manager.fontManager.ttflist}
    if FONT_NAME not in registered:
        for path in korean_font_files():
            font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams["font.family"] = FONT_NAME
    # 나눔고딕에는 유니코드 빼기 기호(U+2212)가 없어 ASCII '-'를 씁니다.
    matplotlib.rcParams["axes.unicode_minus"] = False
    return FONT_NAME
