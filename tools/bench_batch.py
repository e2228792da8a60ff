"""학습 한 걸음이 이 컴퓨터에서 걸리는 시간: numpy 대 torch, 입구 검사의 값, MKL 재현성 설정의 값.

    python tools/bench_batch.py

세 표를 냅니다. 시간은 컴퓨터와 그때의 부하에 따라 달라지므로 검사(test)로 단정하지 않고 여기서 재서 보고합니다.

1. 행렬곱 256×256 @ 256×256 (torch float32)을 새 프로세스 셋에서: torch만, ``import backprop_lesson`` 뒤,
   ``use_reproducible_matmul()``(MKL_CBWR=COMPATIBLE) 뒤. import만으로는 빨라지지도 느려지지도 않아야 합니다.
2. 작은 배치에서 입구 검사의 값: 패키지의 ``train``(입구에서 한 번 검사) 한 걸음과, 검사 없는 계산만으로 쓴
   같은 루프의 한 걸음. 목표: 검사를 더한 쪽이 15 % 안.
3. 6장의 한 걸음(순전파 + 손실 + 역전파 + 갱신), float32, d = 2, k = 1, 배치 n과 은닉층 너비 h를 바꿔 가며:
   numpy 판과 torch 판(``train``이 쓰는 ``loss_and_grads``와 ``sgd_step``). 이 프로세스는 재현성 설정을
   켜지 않으므로 torch는 MKL의 기본(빠른) 경로로 잽니다. 페이지 폴트 수도 함께 보입니다.

4. 기울기 한 번의 값: 중앙 차분(``numerical_grads``, 순전파 2P번)과 역전파(``loss_and_grads``, 순전파 + 역전파),
   float64, n = 200, d = 2, k = 1, 은닉층 너비 h를 바꿔 가며(6장의 곱셈-덧셈 수 표와 견줄 실제 시간).

몇 걸음 먼저 돌린(warm-up) 뒤 timeit으로 여러 번 재서 가장 빠른 값을 씁니다.
환경 변수(OPENBLAS_*, 스레드 수)는 바꾸지 않고 보이기만 합니다.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import timeit
from collections.abc import Callable

try:
    import resource  # 페이지 폴트 수 (유닉스에만 있음)
except ImportError:
    resource = None  # type: ignore[assignment]

import numpy as np
import torch

import backprop_lesson.network as net
import backprop_lesson.network_torch as nt
from backprop_lesson import Params, init_params, numerical_grads, spirals, train

BATCHES = (4, 256, 4096)
WIDTHS = (16, 64, 256)
LR = 1e-3  # 재는 동안 파라미터가 거의 움직이지 않도록 작게
REPEATS = 5

MATMUL = """
import os, sys, timeit
{setup}
import torch
a, b = torch.rand(256, 256), torch.rand(256, 256)
for _ in range(20):
    a @ b
n, _ = timeit.Timer(lambda: a @ b).autorange()
best = min(timeit.repeat(lambda: a @ b, number=n, repeat=5)) / n
print(best, os.environ.get("MKL_CBWR", "(없음)"))
"""
MATMUL_CASES = [
    ("torch만", ""),
    ("import backprop_lesson 뒤", "import backprop_lesson, backprop_lesson.network_torch"),
    ("use_reproducible_matmul() 뒤",
     "import backprop_lesson; backprop_lesson.use_reproducible_matmul()"),
]


def blas_info() -> str:
    """numpy가 쓰는 BLAS(threadpoolctl이 있으면 그것으로, 없으면 numpy.show_config로)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        pass
    else:
        blas = [i for i in threadpool_info() if i.get("user_api") == "blas"]
        return ", ".join(f"{i['internal_api']} {i['version']} ({i['num_threads']} 스레드, "
                         f"{i.get('architecture', '?')})" for i in blas) or "알 수 없음"
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]  # type: ignore[index]
        return f"{blas['name']} {blas['version']} (numpy.show_config)"
    except Exception:  # 오래된 numpy
        return "알 수 없음 (numpy.show_config()로 확인하세요)"


def _minor_faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt if resource else 0


def seconds_per_call(step: Callable[[], object]) -> tuple[float, float]:
    """한 번의 시간(가장 빠른 측정)과 한 번마다 생긴 페이지 폴트 수(운영체제에서 새로 받은 메모리 쪽)."""
    for _ in range(5):  # warm-up: 메모리 할당, 스레드 풀, 첫 호출 비용
        step()
    number, _ = timeit.Timer(step).autorange()  # 한 번 재는 데 0.2 s 이상 걸리는 횟수
    faults = _minor_faults()
    seconds = min(timeit.repeat(step, number=number, repeat=REPEATS)) / number
    return seconds, (_minor_faults() - faults) / (number * REPEATS)


def one_step(module, x, y, params: list) -> Callable[[], float]:
    """``train`` 루프의 한 바퀴(검사 없는 계산): loss_and_grads → sgd_step."""
    def step() -> float:
        L, _, grads = module.loss_and_grads(x, y, params[0])
        params[0] = module._sgd_step(params[0], grads, LR)
        return L
    return step


def data(n: int, h: int, kind: str):
    x, y = (a.astype(np.float32) for a in spirals(n, seed=0))
    p = init_params(2, h, 1, seed=0, dtype=np.float32)
    if kind == "torch":
        x, y = nt.to_torch((x, y))
        p = Params(*nt.to_torch(p, requires_grad=True))
    return x, y, p


def matmul_table(rounds: int = 5) -> None:
    print(f"1. 행렬곱 256×256 @ 256×256, torch float32, 새 프로세스마다 (세 경우를 번갈아 {rounds}번, 가장 빠른 값)")
    env = {k: v for k, v in os.environ.items() if k != "MKL_CBWR"}
    best: dict[str, float] = {}
    cbwr: dict[str, str] = {}
    for _ in range(rounds):  # 이 가상 머신은 프로세스마다 흔들림이 커서 번갈아 여러 번 잽니다
        for name, setup in MATMUL_CASES:
            out = subprocess.run([sys.executable, "-c", MATMUL.format(setup=setup)], env=env,
                                 capture_output=True, text=True, check=True).stdout.split()
            best[name] = min(best.get(name, float("inf")), float(out[0]))
            cbwr[name] = out[1]
    base = best[MATMUL_CASES[0][0]]
    for name, _ in MATMUL_CASES:
        print(f"   {name:32} {best[name] * 1e6:8.1f} µs   ×{best[name] / base:4.2f}   MKL_CBWR={cbwr[name]}")


def checks_table() -> None:
    print("2. 입구 검사의 값: n = 4, h = 16, float64, 한 걸음(µs)")
    x, y, p = data(4, 16, "numpy")
    x, y, p = x.astype(np.float64), y.astype(np.float64), Params(*(a.astype(np.float64) for a in p))
    epochs = 200
    t_train, _ = seconds_per_call(lambda: train(x, y, p, LR, epochs))
    t_bare, _ = seconds_per_call(one_step(net, x, y, [p]))
    t_checked, _ = seconds_per_call(
        lambda: net.sgd_step(p, net.backward(y, net.forward(x, *p), p.W2), LR))
    per_step = t_train / epochs
    print(f"   검사 없는 계산만(loss_and_grads + sgd_step)   {t_bare * 1e6:8.1f}")
    print(f"   train({epochs} 에폭) ÷ {epochs}, 입구 검사 한 번 포함   {per_step * 1e6:8.1f}"
          f"   (+{(per_step / t_bare - 1) * 100:.0f} %, 목표 ≤ 15 %)")
    print(f"   공개 함수를 걸음마다 부를 때(검사 세 번)          {t_checked * 1e6:8.1f}"
          f"   (+{(t_checked / t_bare - 1) * 100:.0f} %)")


def batch_table() -> None:
    print("3. 6장의 한 걸음, float32, torch는 MKL의 기본 경로"
          f" (MKL_CBWR={os.environ.get('MKL_CBWR', '없음')})")
    print(f"   {'n':>5} {'h':>4} {'numpy µs':>10} {'torch µs':>10} {'numpy/torch':>12}"
          f"  {'numpy 폴트':>10} {'torch 폴트':>10}")
    for n in BATCHES:
        for h in WIDTHS:
            x, y, p = data(n, h, "numpy")
            state = [p]
            t_np, f_np = seconds_per_call(one_step(net, x, y, state))
            assert state[0].W1.dtype == np.float32  # 재는 동안 float32 그대로
            xt, yt, pt = data(n, h, "torch")
            t_t, f_t = seconds_per_call(one_step(nt, xt, yt, [pt]))
            print(f"   {n:>5} {h:>4} {t_np * 1e6:10.1f} {t_t * 1e6:10.1f} {t_np / t_t:12.2f}"
                  f"  {f_np:>10.0f} {f_t:>10.0f}")


def cost_table() -> None:
    print("4. 기울기 한 번: 중앙 차분 대 역전파, float64, n = 200, d = 2, k = 1")
    print(f"   {'h':>4} {'P':>6} {'중앙 차분 ms':>12} {'역전파 ms':>10} {'비(잰 것)':>10} {'비(곱셈-덧셈 수)':>16}")
    x, y = spirals(200, seed=0)
    for h in (8, 32, 128):
        p = init_params(2, h, 1, seed=0)
        n_params = sum(a.size for a in p)
        t_fd, _ = seconds_per_call(lambda p=p: numerical_grads(x, y, p))
        t_bp, _ = seconds_per_call(lambda p=p: net.loss_and_grads(x, y, p))
        fwd, bwd = 200 * (2 * h + h), 200 * (h + h + 2 * h)
        print(f"   {h:>4} {n_params:>6} {t_fd * 1e3:12.2f} {t_bp * 1e3:10.3f} {t_fd / t_bp:10.0f}"
              f" {2 * n_params * fwd / (fwd + bwd):16.0f}")


def main() -> int:
    print(f"컴퓨터: {platform.machine()}, CPU {os.cpu_count()}개, Python {platform.python_version()}")
    print(f"numpy {np.__version__}, BLAS: {blas_info()}")
    print(f"torch {torch.__version__}, 스레드 {torch.get_num_threads()}개")
    shown = {k: v for k, v in os.environ.items()
             if k.startswith(("OPENBLAS_", "OMP_", "MKL_", "MALLOC_")) or k == "GOTO_NUM_THREADS"}
    print("관련 환경 변수:", ", ".join(f"{k}={v}" for k, v in sorted(shown.items())) or "없음")
    print()
    matmul_table()
    print()
    checks_table()
    print()
    batch_table()
    print()
    cost_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
