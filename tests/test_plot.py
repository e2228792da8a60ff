"""손실 곡선: 한글 글꼴, 경고 없음, 그리고 그림이 바뀌면 실패하는 픽셀 비교(pytest-mpl)."""

import re
import subprocess
import sys
import warnings

import matplotlib
import numpy as np
import pytest
from matplotlib import font_manager

from _golden import golden_blocks
from backprop_lesson.plot import plot_loss_curve
from backprop_lesson.training import EpochRecord


def original_history():
    """원본 노트북이 출력한 에폭별 손실(패키지의 계산이 아니라 원본의 글자에서)."""
    history = []
    for line in golden_blocks()["05_training_loop"].splitlines()[1:11]:
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
    assert line.get_marker() == "o" and np.asarray(line.get_xdata()).tolist() == list(range(1, 11))
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


# 학습률 그림: 5장이 그리는 것과 같은 다섯 학습률, 책의 예제(float64)를 패키지의 train으로 10 에폭.
LEARNING_RATES = (0.05, 0.07, 0.1, 0.16, 0.5)


def learning_rate_histories():
    from backprop_lesson import example, train
    ex = example()
    return {lr: train(ex.x, ex.y, ex.params, lr, 10)[0] for lr in LEARNING_RATES}


@pytest.mark.mpl_image_compare(filename="learning_rates.png", tolerance=2, savefig_kwargs={"dpi": 100})
def test_learning_rate_figure_looks_like_the_baseline():
    from backprop_lesson.plot import plot_learning_rates
    return plot_learning_rates(learning_rate_histories(), sharpness=13.25)


def test_learning_rate_figure_marks_the_predicted_thresholds_without_warnings():
    from backprop_lesson.plot import plot_learning_rates
    s = 13.25  # ‖∇θ ŷ‖²: 손으로 = ‖a1‖² + 1 + ‖W2‖²(‖x‖² + 1) = 2.6 + 1 + 5 · 1.93
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_learning_rates(learning_rate_histories(), sharpness=s)
        fig.canvas.draw()
    left, right = fig.axes
    dashed = [ln for ln in left.get_lines() if ln.get_linestyle() == "--"]
    assert sorted(np.asarray(ln.get_xdata())[0] for ln in dashed) == pytest.approx([1 / s, 2 / s])
    texts = " ".join(t.get_text() for t in left.texts)
    assert "1/s = 0.0755" in texts and "2/s = 0.151" in texts
    assert "η = 0.5: 1 - ηs = -5.62" in texts  # 그림 밖의 학습률도 값을 적습니다
    assert right.get_yscale() == "log"
    legend = right.get_legend()
    assert legend is not None
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels[2] == "η = 0.1 (1 - ηs = -0.33)" and len(labels) == 5
    assert all(np.asarray(ln.get_xdata()).size == 10 for ln in right.get_lines())
    for text in (left.title, right.title, left.xaxis.label, right.yaxis.label):
        path = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
        assert path.endswith("NanumGothic.ttf"), path
    matplotlib.pyplot.close(fig)


@pytest.mark.parametrize("histories, sharpness, message", [
    ({}, 13.25, "histories: 학습률"),
    ({0.1: []}, 13.25, "histories[0.1]: EpochRecord가"),
    ({-0.1: [EpochRecord(1, 0.7, 0.045)]}, 13.25, "열쇠는 양의 학습률"),
    ({0.1: [EpochRecord(1, 0.7, 0.0)]}, 13.25, "histories[0.1][0]: 손실이 양수"),
    ({0.1: [EpochRecord(1, 0.7, 0.045)]}, 0.0, "sharpness: 양의 유한한 실수"),
    ({0.1: [EpochRecord(1, 0.7, 0.045)]}, float("nan"), "sharpness: 양의 유한한 실수"),
])
def test_learning_rate_figure_rejects_bad_input_by_name(histories, sharpness, message):
    from backprop_lesson.plot import plot_learning_rates
    with pytest.raises(ValueError, match=re.escape(message)):
        plot_learning_rates(histories, sharpness)


@pytest.mark.mpl_image_compare(filename="loss_curves.png", tolerance=2, savefig_kwargs={"dpi": 100})
def test_several_loss_curves_look_like_the_baseline():
    from backprop_lesson.plot import plot_loss_curves

    losses = [r.loss for r in original_history()]
    return plot_loss_curves({"원본": losses, "두 배": [2 * v for v in losses]}, title="손실 곡선 두 개")


def test_several_loss_curves_draw_the_given_numbers_and_refuse_bad_input():
    from backprop_lesson.plot import plot_loss_curves

    losses = [r.loss for r in original_history()]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_loss_curves({"원본": losses, "두 배": [2 * v for v in losses]}, title="t", ylabel="손실")
        fig.canvas.draw()
    ax = fig.axes[0]
    first, second = ax.get_lines()
    assert np.asarray(first.get_xdata()).tolist() == list(range(1, 11))
    assert np.asarray(first.get_ydata()).tolist() == losses
    assert np.asarray(second.get_ydata()).tolist() == [2 * v for v in losses] and ax.get_yscale() == "log"
    with pytest.raises(ValueError, match=r"^curves\['a'\]: "):
        plot_loss_curves({"a": [0.1, -1.0]}, title="t")
    with pytest.raises(TypeError, match=r"^curves: "):
        plot_loss_curves([0.1], title="t")  # type: ignore[arg-type]  # 일부러 잘못된 입력
