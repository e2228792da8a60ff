"""신경망 그림: 픽셀 비교(pytest-mpl), 한글 글꼴과 경고 없음, 잘못된 입력."""

import warnings

import numpy as np
import pytest

from backprop_lesson import LR, backward, example, forward, sgd_step
from backprop_lesson.network_plot import plot_network


def one_step():
    ex = example()
    cache = forward(ex.x, *ex.params)
    grads = backward(ex.y, cache, ex.W2)
    return ex.params, cache, grads, sgd_step(ex.params, grads, LR)


@pytest.mark.parametrize("kind", ["forward", "gradients", "update"])
@pytest.mark.mpl_image_compare(tolerance=2, savefig_kwargs={"dpi": 100})
def test_network_picture_looks_like_the_baseline(kind):
    params, cache, grads, new = one_step()
    if kind == "forward":
        return plot_network(params, cache=cache)
    if kind == "gradients":
        return plot_network(params, cache=cache, grads=grads)
    return plot_network(params, updated=new)


def texts(fig):
    return [t.get_text() for t in fig.axes[0].texts]


def test_network_picture_shows_the_original_numbers_without_warnings():
    params, cache, grads, new = one_step()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 글꼴에 없는 글자(Glyph missing)가 있으면 실패
        figs = [plot_network(params, cache=cache), plot_network(params, cache=cache, grads=grads),
                plot_network(params, updated=new)]
        for f in figs:
            f.canvas.draw()
    forward_texts, grad_texts, update_texts = map(texts, figs)
    assert {"z=0.8\na=0.8", "z=1.4\na=1.4", "z=0.7\ny_pred=0.7", "b=0.1", "b=0.5"} <= set(forward_texts)
    assert {"-0.3", "0.15", "-0.48", "-0.24", "-0.42", "db=-0.6", "db=0.3", "db=-0.3"} <= set(grad_texts)
    assert r"1 $\rightarrow$ 1.03" in update_texts and r"b: 0.5 $\rightarrow$ 0.53" in update_texts
    assert figs[0].axes[0].get_title() == "순전파: 노드 값과 가중치"


def test_network_picture_rejects_mismatched_inputs():
    params, cache, grads, new = one_step()
    with pytest.raises(ValueError, match=r"W2: 모양이 \(2, k\)이어야 하는데 \(3, 1\)을"):
        plot_network(params._replace(W2=np.zeros((3, 1))))
    with pytest.raises(ValueError, match=r"dW1: 모양이 \(3, 2\)이어야 하는데 \(2, 3\)을"):
        plot_network(params, cache=cache, grads=grads._replace(dW1=grads.dW1.T))
    with pytest.raises(ValueError, match=r"updated.b1: 모양이 \(1, 2\)이어야"):
        plot_network(params, updated=new._replace(b1=np.zeros((2, 1))))
