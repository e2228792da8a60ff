"""PyTorch 판(network_torch)과 학습 루프를 원본 노트북의 출력과 비교합니다.

원본의 float32 숫자는 재현성 설정을 직접 켠 프로세스에서만 글자 그대로 보장됩니다(4장).
이 파일의 검사들은 그 설정을 켜고(아래 모듈 준비), 켜는 것과 켜지 않는 것의 차이는
새 프로세스에서 MKL이 스스로 보고하는 설정(MKL_VERBOSE)으로 확인합니다.
"""

import functools
import os
import subprocess
import sys

import numpy as np
import pytest
import torch

import backprop_lesson.network_torch as nt
from _golden import golden_blocks
from backprop_lesson import EPOCHS, LR, Params, backward, example, forward, sgd_step, train
from backprop_lesson.reproducibility import use_reproducible_matmul

use_reproducible_matmul()  # 이 작업자 프로세스의 첫 torch 행렬곱보다 먼저(xdist 작업자마다 한 번)


def train_example(epochs=EPOCHS, lr=LR):
    x, y, *params = nt.example_tensors()
    return train(x, y, params, lr, epochs)


def test_example_tensors_are_float32_copies_with_grad_on_params():
    ex = nt.example_tensors()
    assert all(t.dtype == torch.float32 for t in ex)
    assert [t.requires_grad for t in ex] == [False, False, True, True, True, True]
    for t, a in zip(ex, example()):
        np.testing.assert_array_equal(t.detach().numpy(), a.astype(np.float32))


def test_to_torch_and_back_copies_and_keeps_values():
    ex = example()
    tensors = nt.to_torch(ex, dtype=torch.float64)
    back = nt.to_numpy(tensors)
    for a, t, b in zip(ex, tensors, back):
        assert t.dtype == torch.float64 and b.dtype == np.float64
        np.testing.assert_array_equal(a, b)
    tensors[0][0, 0] = 99.0
    back[0][0, 0] = 98.0
    assert ex.x[0, 0] == 0.5  # 메모리를 나누지 않습니다


def test_torch_backward_equals_what_loss_backward_puts_in_grad():
    x, y, *params = nt.example_tensors()
    L = nt.loss(nt.forward(x, *params).y_pred, y)
    grads = nt.backward(L, Params(*params))
    L2 = nt.loss(nt.forward(x, *params).y_pred, y)
    L2.backward()
    for g, p in zip(grads, params):
        assert p.grad is not None and torch.equal(g, p.grad)


def test_one_autograd_step_reproduces_the_original_slip_and_the_corrected_value():
    x, y, *params = nt.example_tensors()
    cache = nt.forward(x, *params)
    grads = nt.backward(nt.loss(cache.y_pred, y), Params(*params))
    W1, b1, W2, b2 = nt.sgd_step(Params(*params), grads, LR)
    # 원본의 실수(옛 a1): 원본 노트북의 출력 그대로
    slip = torch.relu(cache.a1 @ W2 + b2).item()
    assert f"y_pred:  {slip}" == golden_blocks()["04_backprop_autograd"]
    # 바로잡은 값은 float64 numpy의 두 번째 순전파와 float32 정밀도 안에서 같습니다
    ex = example()
    p2 = sgd_step(ex.params, backward(ex.y, forward(ex.x, *ex.params), ex.W2), LR)
    expected = forward(ex.x, *p2).y_pred.item()
    assert abs(nt.forward(x, W1, b1, W2, b2).y_pred.item() - expected) < 1e-6 * expected


def test_train_reproduces_every_original_epoch_line():
    history, _ = train_example()
    lines = [f"Epoch {r.epoch} l y_pred:  {r.y_pred.item()} l loss:  {r.loss}" for r in history]
    expected = golden_blocks()["05_training_loop"].splitlines()[1:11]
    assert lines == expected


def test_train_final_params_reproduce_the_original_last_cell():
    _, trained = train_example()
    # 원본의 마지막 셀은 마지막 에폭의 갱신 '전' 가중치로 a1을 구했습니다. 9번 학습하면 그 가중치입니다.
    _, before_last = train_example(epochs=9)
    x, *_ = nt.example_tensors()
    a1 = torch.relu(x @ before_last.W1 + before_last.b1)
    slip = torch.relu(a1 @ trained.W2 + trained.b2).item()
    assert f"y_pred:  {slip}" == golden_blocks()["05_training_loop"].splitlines()[-1]


def test_train_is_deterministic_does_not_touch_its_inputs_and_loss_falls_to_1e_10():
    x, y, *params = nt.example_tensors()
    before = [p.detach().clone() for p in params]
    h1, _ = train(x, y, params, LR, EPOCHS)
    h2, _ = train(x, y, params, LR, EPOCHS)
    assert [(r.epoch, r.y_pred.item(), r.loss) for r in h1] == [(r.epoch, r.y_pred.item(), r.loss) for r in h2]
    assert h1[-1].loss < 1e-10 < h1[0].loss
    for p, b in zip(params, before):
        assert torch.equal(p, b) and p.grad is None


def test_numpy_and_torch_run_the_same_loop_on_the_example():
    ex = example()
    h_np, p_np = train(ex.x, ex.y, ex.params, LR, EPOCHS)
    xt, yt, *pt = nt.to_torch(ex, dtype=torch.float64)
    h_t, p_t = train(xt, yt, pt, LR, EPOCHS)
    np.testing.assert_allclose([r.loss for r in h_np], [r.loss for r in h_t], rtol=1e-9, atol=1e-18)
    for a, b in zip(p_np, nt.to_numpy(p_t)):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)


def run_python(code, **env):
    full_env = {k: v for k, v in os.environ.items() if k != "MKL_CBWR"}
    full_env.update(env)
    out = subprocess.run([sys.executable, "-c", code], env=full_env, capture_output=True,
                         text=True, check=True)
    return out.stdout + out.stderr


# 새 프로세스 하나에서: (재현성을 켜거나 켜지 않고) 원본 노트북 4장의 셀 그대로를 계산해 'slip <값>'을 찍고,
# 환경 변수를 찍습니다. MKL_VERBOSE=1이면 MKL이 첫 행렬곱에서 자기 설정(CNR:…)을 찍습니다.
FRESH = """
import os, torch, backprop_lesson
{opt_in}
x = torch.tensor([[0.5, 0.8, 0.2]]); y = torch.tensor([[1.0]])
W1 = torch.tensor([[1.0, -1.0], [0.0, 2.0], [1.0, 0.5]], requires_grad=True)
b1 = torch.tensor([[0.1, 0.2]], requires_grad=True)
W2 = torch.tensor([[2.0], [-1.0]], requires_grad=True); b2 = torch.tensor([[0.5]], requires_grad=True)
a1 = torch.relu(x @ W1 + b1)
(0.5 * (torch.relu(a1 @ W2 + b2) - y) ** 2).backward()
with torch.no_grad():
    for p in (W1, b1, W2, b2):
        p -= 0.1 * p.grad
print('slip', torch.relu(a1 @ W2 + b2).item())
print('cbwr', os.environ.get('MKL_CBWR'))
"""


@functools.cache
def fresh_process(opt_in: bool) -> str:
    """FRESH를 새 프로세스에서 한 번 실행한 출력(두 검사가 함께 씁니다: torch를 새로 import하는 데 2~3 s)."""
    return run_python(FRESH.format(opt_in="backprop_lesson.use_reproducible_matmul()" if opt_in else ""),
                      MKL_VERBOSE="1")


@pytest.mark.slow  # 새 프로세스 둘(torch를 새로 import)
@pytest.mark.parametrize("opt_in, expected", [
    (False, "CNR:OFF"),         # import만 하면 MKL의 기본(빠른) 경로, 환경 변수도 그대로
    (True, "CNR:COMPATIBLE"),   # 직접 켜면 첫 행렬곱부터 모든 CPU에서 같은 경로
])
def test_the_reproducible_path_is_opt_in_and_mkl_reports_it(opt_in, expected):
    out = fresh_process(opt_in)
    assert expected in out, out[-2000:]
    assert f"cbwr {'COMPATIBLE' if opt_in else None}" in out


def test_the_opt_in_leaves_a_value_the_user_chose(monkeypatch):
    """사용자가 MKL_CBWR을 미리 정했으면(예: AUTO) 켜기는 그 값을 그대로 두고 돌려줍니다.

    그 값을 MKL이 어떻게 읽는지는 MKL의 일이라 새 프로세스로 확인하지 않습니다(위 검사가 COMPATIBLE과 기본값을 봅니다).
    """
    monkeypatch.setenv("MKL_CBWR", "AUTO")
    assert use_reproducible_matmul() == "AUTO" and os.environ["MKL_CBWR"] == "AUTO"
    monkeypatch.delenv("MKL_CBWR")
    assert use_reproducible_matmul() == "COMPATIBLE" and os.environ["MKL_CBWR"] == "COMPATIBLE"


def slip(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("slip ")).removeprefix("slip ")


@pytest.mark.slow  # 위의 새 프로세스 둘의 출력
def test_the_original_slip_value_needs_the_opt_in_on_some_cpus():
    """원본 노트북(4장)의 셀 그대로를 새 프로세스에서: 재현성을 켜면 원본 값, 켜지 않으면 CPU에 따라 둘 중 하나.

    이 검사를 만든 컴퓨터(AVX-512가 있는 인텔 Xeon)에서는 켜지 않으면 0.8079999685287476이 나왔습니다.
    검사는 어느 CPU가 어느 값을 내는지는 보지 않고, 둘 중 하나인지만 봅니다(4장의 재현성 절).
    켜지 않은 프로세스도 backprop_lesson을 import합니다: import만으로는 MKL이 기본 경로(CNR:OFF)임을 위 검사가 봅니다.
    """
    assert f"y_pred:  {slip(fresh_process(True))}" == golden_blocks()["04_backprop_autograd"]
    assert slip(fresh_process(False)) in {"0.8079999089241028", "0.8079999685287476"}


def test_sensitivity_is_the_closed_form_of_chapter_5_and_a_central_difference():
    """s = ‖∇θ ŷ‖²: ReLU가 모두 켜지면 ‖a1‖² + 1 + ‖W2‖²(‖x‖² + 1)(5장의 손 계산), 그리고 ŷ의 중앙 차분 제곱합."""
    import numpy as np

    from backprop_lesson import example, forward
    from backprop_lesson.network_torch import prediction_gradient, sensitivity

    ex = example()
    a1 = forward(ex.x, *ex.params).a1
    closed = (a1 ** 2).sum() + 1 + (ex.W2 ** 2).sum() * ((ex.x ** 2).sum() + 1)
    assert sensitivity(ex.x, ex.params) == pytest.approx(closed, rel=1e-12) and closed == pytest.approx(13.25)
    numeric = 0.0
    for i, p in enumerate(ex.params):
        for idx in np.ndindex(p.shape):
            up, down = [a.copy() for a in ex.params], [a.copy() for a in ex.params]
            up[i][idx] += 1e-6
            down[i][idx] -= 1e-6
            numeric += ((forward(ex.x, *up).y_pred - forward(ex.x, *down).y_pred).item() / 2e-6) ** 2
    assert sensitivity(ex.x, ex.params) == pytest.approx(numeric, rel=1e-6)
    assert [tuple(g.shape) for g in prediction_gradient(ex.x, ex.params)] == [(3, 2), (1, 2), (2, 1), (1, 1)]
    with pytest.raises(ValueError, match=r"^x: 모양이 \(1, 3\)"):
        sensitivity(np.ones((2, 3)), ex.params)
