"""결정 영역 그림: 픽셀 비교(pytest-mpl), 칠한 영역이 따로 계산한 예측과 같은지, 잘못된 입력.

기대값은 패키지를 부르지 않고 여기서 numpy 식(1장의 순전파)으로 계산합니다.
"""

import warnings

import numpy as np
import pytest

from backprop_lesson.region_plot import GRID, decision_region, plot_decision_region

# 은닉 유닛 둘: 오른쪽 위(x0 + x1 > 0)를 1로 읽는 작은 신경망
W1 = np.array([[1.0, -1.0], [1.0, -1.0]])
b1 = np.zeros((1, 2))
W2 = np.array([[1.0], [-1.0]])
b2 = np.array([[0.5]])
POINTS = np.array([[0.5, 0.5], [-0.5, -0.5], [0.8, -0.2], [-0.9, 0.1]])
LABELS = np.array([[1.0], [0.0], [1.0], [0.0]])


def by_hand(x):
    a1 = np.maximum(x @ W1 + b1, 0)
    return np.maximum(a1 @ W2 + b2, 0)


@pytest.mark.mpl_image_compare(filename="decision_region.png", tolerance=2, savefig_kwargs={"dpi": 100})
def test_decision_region_looks_like_the_baseline():
    return plot_decision_region((W1, b1, W2, b2), POINTS, LABELS, title="작은 신경망의 결정 영역")


def test_the_painted_region_is_the_forward_pass_on_the_grid():
    region = decision_region((W1, b1, W2, b2))  # type: ignore[arg-type]  # 보통 튜플도 받습니다
    gx0, gx1 = np.meshgrid(GRID, GRID)
    expected = by_hand(np.column_stack([gx0.ravel(), gx1.ravel()])).reshape(gx0.shape) > 0.5
    np.testing.assert_array_equal(region, expected)
    assert region.shape == (201, 201) and 0 < region.mean() < 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_decision_region((W1, b1, W2, b2), POINTS, LABELS, title="t", point_label="점")
        fig.canvas.draw()
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]  # type: ignore[union-attr]
    assert texts == ["점 0", "점 1"]


@pytest.mark.parametrize("kwargs, error, message", [
    ({"x": np.ones((4, 3))}, ValueError, r"^x: 모양이 \(n, 2\)"),
    ({"y": np.array([[1.0], [0.0], [2.0], [0.0]])}, ValueError, r"^y: 정답은 0 또는 1"),
    ({"output": "tanh"}, ValueError, r"^output: "),
])
def test_bad_input_gets_a_korean_error(kwargs, error, message):
    args = {"x": POINTS, "y": LABELS, **kwargs}
    with pytest.raises(error, match=message):
        plot_decision_region((W1, b1, W2, b2), args.pop("x"), args.pop("y"), title="t", **args)
