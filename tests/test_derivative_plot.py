"""가중치 하나에 대한 손실 곡선과 접선: 픽셀 비교(pytest-mpl), 그림 속 숫자를 따로 계산한 값과, 잘못된 입력.

기대값은 패키지를 부르지 않고 여기서 계산합니다. 책의 예제에서 W2[0,0] = w만 바꾸면
z2 = 0.8·w + 1.4·(−1) + 0.5, L(w) = ½(0.8w − 1.9)²(z2 > 0인 동안)이고, 기울기는 중앙 차분으로 잽니다.
"""

import warnings

import numpy as np
import pytest
from matplotlib.lines import Line2D

from backprop_lesson import example
from backprop_lesson.derivative_plot import loss_along_weight, plot_gradient_norms, plot_loss_along_weight


def data(line: Line2D) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = line.get_data()
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)


def book_loss(w):
    return 0.5 * (0.8 * w - 1.9) ** 2


@pytest.mark.mpl_image_compare(filename="loss_along_weight.png", tolerance=2, savefig_kwargs={"dpi": 100})
def test_tangent_picture_looks_like_the_baseline():
    ex = example()
    return plot_loss_along_weight(ex.x, ex.y, ex.params)


def test_the_curve_tangent_and_step_are_the_books_numbers_computed_independently():
    ex = example()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 한글 글꼴에 없는 글자가 있으면 실패
        fig = plot_loss_along_weight(ex.x, ex.y, ex.params, lr=0.1)
        fig.canvas.draw()
    curve, tangent, now, step = [data(line) for line in fig.axes[0].get_lines()]
    w, L = curve
    assert w[0] == pytest.approx(1.2) and w[-1] == pytest.approx(2.8)
    np.testing.assert_allclose(L, book_loss(w), rtol=1e-12, atol=1e-15)
    (t0, t1), (l0, l1) = tangent
    eps = 1e-6
    numeric = (book_loss(2.0 + eps) - book_loss(2.0 - eps)) / (2 * eps)
    assert (l1 - l0) / (t1 - t0) == pytest.approx(numeric, rel=1e-6) and numeric == pytest.approx(-0.24)
    assert now[0][0] == 2.0 and now[1][0] == pytest.approx(0.045)
    assert step[0][0] == pytest.approx(2.024) and step[1][0] == pytest.approx(book_loss(2.024))
    legend_box = fig.axes[0].get_legend()
    assert legend_box is not None
    legend = " ".join(t.get_text() for t in legend_box.get_texts())
    assert "dW2[0,0] = -0.24" in legend and "W2[0,0] = 2.024" in legend


@pytest.mark.parametrize("kwargs, error, message", [
    ({"name": "W3"}, ValueError, r"^name: "),
    ({"index": (2, 0)}, ValueError, r"^index: W2의 모양 \(2, 1\) 안의"),
    ({"index": (0,)}, ValueError, r"^index: "),
    ({"lr": 0.0}, ValueError, r"^lr: "),
    ({"half_width": -1.0}, ValueError, r"^half_width: "),
])
def test_bad_arguments_get_a_korean_error_naming_them(kwargs, error, message):
    ex = example()
    with pytest.raises(error, match=message):
        plot_loss_along_weight(ex.x, ex.y, ex.params, **kwargs)


def test_a_wrong_shape_of_x_is_refused():
    ex = example()
    with pytest.raises(ValueError, match=r"^x: 모양이"):
        plot_loss_along_weight(np.ones((1, 4)), ex.y, ex.params)


def test_loss_along_one_weight_is_the_books_parabola_and_checks_its_inputs():
    ex = example()
    for w in (1.2, 2.0, 2.024, 2.375, 2.8):
        assert loss_along_weight(ex.x, ex.y, ex.params, "W2", (0, 0), w) == pytest.approx(book_loss(w), abs=1e-15)
    with pytest.raises(ValueError, match=r"^w: .*nan"):
        loss_along_weight(ex.x, ex.y, ex.params, "W2", (0, 0), float("nan"))
    with pytest.raises(ValueError, match=r"^index: "):
        loss_along_weight(ex.x, ex.y, ex.params, "b2", (0, 1), 1.0)


NORMS = {"ReLU, He": [0.4, 0.73, 0.76, 0.98], "시그모이드, He": [3.2e-6, 1.7e-5, 5.5e-2, 0.6]}


@pytest.mark.mpl_image_compare(filename="gradient_norms.png", tolerance=2, savefig_kwargs={"dpi": 100})
def test_gradient_norm_picture_looks_like_the_baseline():
    return plot_gradient_norms(NORMS)


def test_gradient_norm_picture_draws_the_given_numbers_in_korean_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_gradient_norms(NORMS)
        fig.canvas.draw()
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and "층 번호" in ax.get_xlabel()
    for line, values in zip(ax.get_lines(), NORMS.values()):
        np.testing.assert_array_equal(data(line)[1], values)
    with pytest.raises(ValueError, match=r"^norms: "):
        plot_gradient_norms({"a": [1.0, 2.0], "b": [1.0]})
    with pytest.raises(TypeError, match=r"^norms: "):
        plot_gradient_norms([1.0])  # type: ignore[arg-type]  # 일부러 잘못된 입력
