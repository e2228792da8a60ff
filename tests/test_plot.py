"""손실 곡선: 한글 글꼴, 경고 없음, 그리고 그림이 바뀌면 실패하는 픽셀 비교(pytest-mpl)."""

import subprocess
import sys
import warnings

import matplotlib
import pytest
from matplotlib import font_manager

from _golden import golden_blocks
from backprop_lesson.plot import plot_loss_curve
from backprop_lesson.training import EpochRecord


def original_history():
    """원본 노트북이 출력한 에폭별 손실(패키지의 계산이 아니라 원본의 글자에서)."""
    history = []
    for line in golden_blocks()["04_training_loop"].splitlines()[1:11]:
        parts = line.split()
        history.append(EpochRecord(int(parts[1]), float(parts[4]), float(parts[7])))
    return history


@pytest.mark.mpl_image_compare(filename="loss_curve.png", tolerance=2, savefig_kwargs={"dpi": 100})
def test_loss_curve_looks_like_the_baseline():
    return plot_loss_curve(original_history())


def test_loss_curve_draws_korean_with_a_korean_font_and_no_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing" 같은 경고가 있으면 실패
        fig = plot_loss_curve(original_history())
        fig.canvas.draw()
    ax = fig.axes[0]
    assert ax.get_yscale() == "log"
    assert ax.get_title() == "에폭별 손실 (로그 눈금)"
    assert "에폭" in ax.get_xlabel() and "손실" in ax.get_ylabel()
    line = ax.get_lines()[0]
    assert line.get_marker() == "o" and list(line.get_xdata()) == list(range(1, 11))
    for text in (ax.title, ax.xaxis.label, ax.yaxis.label):
        path = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
        assert path.endswith("NanumGothic.ttf"), path
    matplotlib.pyplot.close(fig)


def test_korean_font_set_up_does_not_need_distutils():
    # koreanize_matplotlib를 import하면 distutils가 필요합니다(Python 3.12+에 없음). 우리는 import하지 않습니다.
    code = ("import sys; sys.modules['distutils'] = None\n"
            "from backprop_lesson.fonts import use_korean_font; print(use_korean_font())\n"
            "import backprop_lesson.plot\n"
            "assert 'koreanize_matplotlib' not in sys.modules\n"
            "assert 'torch' not in sys.modules  # 그림만 그릴 때는 torch가 필요 없습니다")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "NanumGothic" and out.stderr == ""
