"""numpy 부분(예제, 순전파, 역전파, 갱신)을 원본 노트북의 숫자와 독립 계산으로 검사합니다.

기대값은 원본 노트북이 출력한 글자(numpy 출력 형식 그대로)이거나, 패키지와 무관한 계산
(중앙 차분, float32 torch)에서 옵니다.
"""

import os

import numpy as np
import pytest
import torch

from _reference import central_difference
from backprop_lesson import (
    LR,
    Grads,
    Params,
    backward,
    example,
    forward,
    gradient_check,
    loss,
    relu,
    relu_deriv,
    sgd_step,
)


def one_step():
    x, y, W1, b1, W2, b2 = example()
    cache = forward(x, W1, b1, W2, b2)
    grads = backward(y, cache, W2)
    params_2 = sgd_step(Params(W1, b1, W2, b2), grads, LR)
    return cache, grads, params_2, forward(x, *params_2)


def test_example_is_the_original_and_fresh_each_time():
    ex = example()
    assert str(ex.x) == "[[0.5 0.8 0.2]]"
    assert str(ex.y) == "[[1.]]"
    assert str(ex.W1) == "[[ 1.  -1. ]\n [ 0.   2. ]\n [ 1.   0.5]]"
    assert str(ex.b1) == "[[0.1 0.2]]" and str(ex.W2) == "[[ 2.]\n [-1.]]" and str(ex.b2) == "[[0.5]]"
    ex.W1[0, 0] = 99.0
    ex.x[:] = 0
    assert example().W1[0, 0] == 1.0 and example().x[0, 0] == 0.5
    assert all(p.dtype == np.float64 for p in example())


def test_relu_and_its_derivative():
    z = np.array([[-2.0, 0.0, 3.5]])
    np.testing.assert_array_equal(relu(z), [[0.0, 0.0, 3.5]])
    np.testing.assert_array_equal(relu_deriv(z), [[0.0, 0.0, 1.0]])


def test_forward_prints_the_original_values():
    cache, *_ = one_step()
    assert str(cache.z1) == "[[0.8 1.4]]"
    assert str(cache.a1) == "[[0.8 1.4]]"
    assert str(cache.z2) == "[[0.7]]"
    assert str(cache.y_pred) == "[[0.7]]"
    assert repr(loss(cache.y_pred, example().y)) == "0.04500000000000008"


def test_backward_prints_the_original_gradients():
    _, g, _, _ = one_step()
    assert str(g.dW2) == "[[-0.24]\n [-0.42]]"
    assert str(g.db2) == "[[-0.3]]"
    assert str(g.dW1) == "[[-0.3   0.15]\n [-0.48  0.24]\n [-0.12  0.06]]"
    assert str(g.db1) == "[[-0.6  0.3]]"


def test_update_and_second_pass_print_the_original_values():
    _, _, p, cache_2 = one_step()
    assert str(p.W1) == "[[ 1.03  -1.015]\n [ 0.048  1.976]\n [ 1.012  0.494]]"
    assert str(p.b1) == "[[0.16 0.17]]"
    assert str(p.W2) == "[[ 2.024]\n [-0.958]]"
    assert str(p.b2) == "[[0.53]]"
    assert str(cache_2.z1) == "[[0.9158 1.3421]]"
    assert str(cache_2.z2) == "[[1.0978474]]"
    assert repr(loss(cache_2.y_pred, example().y)) == "0.004787056843380046"


def test_sgd_step_does_not_change_its_inputs():
    ex = example()
    g = backward(ex.y, forward(ex.x, *ex.params), ex.W2)
    sgd_step(ex.params, g, LR)
    np.testing.assert_array_equal(ex.W1, example().W1)


def random_batch(n, d, h, k, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d))
    y = rng.normal(size=(n, k))
    params = Params(rng.normal(size=(d, h)), rng.normal(size=(1, h)) * 0.1,
                    rng.normal(size=(h, k)), rng.normal(size=(1, k)) * 0.1)
    return x, y, params


@pytest.mark.parametrize("case", ["example", "batch"])
def test_backward_matches_central_differences(case):
    if case == "example":
        ex = example()
        x, y, params = ex.x, ex.y, ex.params
    else:  # 음수 z가 섞여 ReLU'(z) = 0인 경우도 검사합니다
        x, y, params = random_batch(7, 3, 5, 2, seed=0)
    cache = forward(x, *params)
    assert case == "example" or (cache.z1 < 0).any()
    analytic = backward(y, cache, params.W2)
    for a, n in zip(analytic, central_difference(x, y, params)):
        np.testing.assert_allclose(a, n, rtol=1e-6, atol=1e-8)


def test_gradient_check_is_small_for_correct_code_and_large_for_a_bug(monkeypatch):
    x, y, params = random_batch(7, 3, 5, 2, seed=0)
    assert max(gradient_check(x, y, params).values()) < 1e-7

    import backprop_lesson.network as bw
    monkeypatch.setattr(bw, "relu_deriv", lambda z: np.ones_like(z))  # ReLU 미분을 빠뜨린 버그
    assert max(gradient_check(x, y, params).values()) > 1e-2


@pytest.mark.parametrize("case", ["example", "batch"])
def test_backward_float64_agrees_with_torch_autograd_float32(case):
    if case == "example":
        ex = example()
        x, y, params = ex.x, ex.y, ex.params
    else:
        x, y, params = random_batch(16, 3, 4, 1, seed=1)
    analytic = backward(y, forward(x, *params), params.W2)

    tx, ty = (torch.tensor(a, dtype=torch.float32) for a in (x, y))
    tp = [torch.tensor(p, dtype=torch.float32, requires_grad=True) for p in params]
    y_pred = torch.relu(torch.relu(tx @ tp[0] + tp[1]) @ tp[2] + tp[3])
    (0.5 * (y_pred - ty) ** 2).sum(dim=1).mean().backward()
    for name, a, t in zip(Grads._fields, analytic, tp):
        assert t.grad is not None
        np.testing.assert_allclose(t.grad.numpy(), a, rtol=1e-5, atol=1e-6, err_msg=name)


@pytest.mark.slow  # 새 프로세스에서 import해야 전역 상태를 볼 수 있습니다
def test_importing_changes_no_global_state_and_the_numpy_parts_need_no_torch():
    """import backprop_lesson은 환경 변수도 matplotlib 설정도 바꾸지 않고, numpy 부분은 torch 없이 돕니다."""
    import subprocess
    import sys
    code = ("import os, sys; before = dict(os.environ)\n"
            "import backprop_lesson as bl\n"
            "ex = bl.example(); bl.gradient_check(ex.x, ex.y, ex.params)\n"
            "bl.train(ex.x, ex.y, ex.params, bl.LR, 3)\n"
            "print(dict(os.environ) == before, 'MKL_CBWR' in os.environ,\n"
            "      sorted(m for m in ('torch', 'matplotlib') if m in sys.modules))")
    env = {k: v for k, v in os.environ.items() if k != "MKL_CBWR"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "True False []"


def test_relu_derivative_at_zero_is_zero_like_pytorch():
    """ReLU는 0에서 미분할 수 없습니다. 책(2장)과 PyTorch 모두 그 점에서 0을 씁니다."""
    z = torch.tensor([0.0], requires_grad=True)
    torch.relu(z).sum().backward()
    assert z.grad is not None and z.grad.item() == 0.0 == relu_deriv(np.array([0.0]))[0]


def test_batch_backward_reduces_to_the_chapter_lines_at_n_1():
    """2장이 손으로 쓴 n = 1의 식(나누기와 행의 합 없이)과 패키지의 배치 backward가 비트까지 같습니다."""
    x, y, W1, b1, W2, b2 = example()
    cache = forward(x, W1, b1, W2, b2)
    dz2 = (cache.y_pred - y) * (cache.z2 > 0)              # 2장의 줄들을 여기서 다시 씁니다
    dz1 = dz2 @ W2.T * (cache.z1 > 0)
    chapter = (x.T @ dz1, dz1, cache.a1.T @ dz2, dz2)
    for mine, pkg in zip(chapter, backward(y, cache, W2)):
        np.testing.assert_array_equal(mine, pkg)
    # n > 1에서는 평균이 필요합니다: 샘플 두 개(같은 샘플 둘)의 기울기는 하나일 때와 같아야 합니다
    twice = backward(np.vstack([y, y]), forward(np.vstack([x, x]), W1, b1, W2, b2), W2)
    for mine, pkg in zip(chapter, twice):
        np.testing.assert_array_equal(mine, pkg)


def test_the_package_docstring_lists_every_module():
    """패키지의 첫 설명(모듈 목록)이 실제 모듈들과 같아야 합니다: 새 모듈을 만들면 목록에도 적습니다."""
    import re
    from pathlib import Path

    import backprop_lesson

    listed = set(re.findall(r"``(\w+)``", backprop_lesson.__doc__.split("여기서는")[0]))
    here = Path(backprop_lesson.__file__).parent
    modules = {p.stem for p in here.glob("*.py") if p.stem != "__init__"}
    modules |= {p.parent.name for p in here.glob("*/__init__.py")}
    assert modules <= listed, sorted(modules - listed)


def test_the_package_version_is_the_one_in_pyproject():
    import tomllib
    from pathlib import Path

    import backprop_lesson

    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert backprop_lesson.__version__ == pyproject["project"]["version"]
