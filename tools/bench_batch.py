"""5장의 학습 한 걸음(순전파 + 손실 + 역전파 + 갱신)이 이 컴퓨터에서 걸리는 시간: numpy 대 torch.

    python tools/bench_batch.py

두 판 모두 **float32**, 입력 d = 2, 출력 k = 1이고, 배치 크기 n과 은닉층 너비 h를 바꿔 가며 잽니다.
한 걸음은 ``train_numpy``와 ``train_torch``의 루프 한 바퀴와 같습니다(손실을 float로 꺼내는 것까지).
numpy 판은 패키지의 ``forward``, ``loss``, ``backward``, ``sgd_step``을, torch 판은 ``forward_torch``,
``loss_torch``, ``loss.backward()``, ``sgd_step_``을 씁니다(입력 검사도 둘 다 포함).
몇 걸음 먼저 돌린(warm-up) 뒤 timeit으로 여러 번 재서 가장 빠른 값을 씁니다.
시간은 컴퓨터와 그때의 부하에 따라 달라지므로 검사(test)로 단정하지 않고 여기서 재서 보고합니다.
환경 변수(OPENBLAS_*, 스레드 수)는 바꾸지 않고 보이기만 합니다.

큰 배치에서 numpy 판은 걸음마다 (n, h) 크기의 새 배열을 여러 개 만들고 버립니다. glibc malloc이 버린
큰 메모리를 운영체제에 돌려주면 다음 걸음에서 같은 크기를 새로 받으며 4 KiB 쪽마다 페이지 폴트가 생깁니다.
페이지 폴트가 비싼 가상 머신에서는 이것이 시간의 큰 몫이 되므로 폴트 수를 함께 보입니다.
"""

from __future__ import annotations

import os
import platform
import sys
import timeit

try:
    import resource  # 페이지 폴트 수 (유닉스에만 있음)
except ImportError:
    resource = None

import numpy as np

import backprop_lesson  # noqa: F401  (torch보다 먼저: MKL_CBWR)
import torch

from backprop_lesson import backward, forward, loss, sgd_step
from backprop_lesson.autograd import forward_torch, loss_torch, sgd_step_
from backprop_lesson.batch import init_params, spirals

BATCHES = (4, 256, 4096)
WIDTHS = (16, 64, 256)
LR = 1e-3  # 재는 동안 파라미터가 거의 움직이지 않도록 작게
REPEATS = 5


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
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f"{blas['name']} {blas['version']} (numpy.show_config)"
    except Exception:  # 오래된 numpy
        return "알 수 없음 (numpy.show_config()로 확인하세요)"


def numpy_step(n: int, h: int):
    x, y = (a.astype(np.float32) for a in spirals(n, seed=0))
    state = [init_params(2, h, 1, seed=0, dtype=np.float32)]

    def step() -> float:
        params = state[0]
        cache = forward(x, *params)
        value = loss(cache.y_pred, y)
        state[0] = sgd_step(params, backward(y, cache, params.W2), LR)
        return value

    return step, state


def torch_step(n: int, h: int):
    x, y = (torch.tensor(a, dtype=torch.float32) for a in spirals(n, seed=0))
    params = tuple(torch.tensor(p, requires_grad=True)
                   for p in init_params(2, h, 1, seed=0, dtype=np.float32))

    def step() -> float:
        L = loss_torch(forward_torch(x, *params), y)
        value = L.item()
        L.backward()
        sgd_step_(params, LR)
        return value

    return step, params


def _minor_faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt if resource else 0


def seconds_per_step(step) -> tuple[float, float]:
    """한 걸음의 시간(가장 빠른 측정)과 한 걸음마다 생긴 페이지 폴트 수(운영체제에서 새로 받은 메모리 쪽)."""
    for _ in range(5):  # warm-up: 메모리 할당, 스레드 풀, 첫 호출 비용
        step()
    number, _ = timeit.Timer(step).autorange()  # 한 번 재는 데 0.2 s 이상 걸리는 횟수
    faults = _minor_faults()
    seconds = min(timeit.repeat(step, number=number, repeat=REPEATS)) / number
    return seconds, (_minor_faults() - faults) / (number * REPEATS)


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:10.1f}"


def main() -> int:
    print(f"컴퓨터: {platform.machine()}, CPU {os.cpu_count()}개, Python {platform.python_version()}")
    print(f"numpy {np.__version__}, BLAS: {blas_info()}")
    print(f"torch {torch.__version__}, 스레드 {torch.get_num_threads()}개")
    shown = {k: v for k, v in os.environ.items()
             if k.startswith(("OPENBLAS_", "OMP_", "MKL_", "MALLOC_")) or k == "GOTO_NUM_THREADS"}
    env = ", ".join(f"{k}={v}" for k, v in sorted(shown.items())) or "없음"
    print("관련 환경 변수(MKL_CBWR은 backprop_lesson이 정함):", env)
    print("자료형: float32 (numpy, torch 모두), d = 2, k = 1, 한 걸음 = 순전파 + 손실 + 역전파 + 갱신")
    print()
    print("시간은 여러 번 잰 것 중 가장 빠른 값, 폴트는 한 걸음마다의 페이지 폴트 수(평균)")
    print(f"{'n':>5} {'h':>4} {'numpy µs/걸음':>14} {'torch µs/걸음':>14} {'numpy/torch':>12}  2배 안?"
          f"  {'numpy 폴트':>10} {'torch 폴트':>10}")
    slow = []
    for n in BATCHES:
        for h in WIDTHS:
            np_step, np_state = numpy_step(n, h)
            t_np, f_np = seconds_per_step(np_step)
            assert np_state[0].W1.dtype == np.float32  # 재는 동안 float32 그대로
            t_step, t_params = torch_step(n, h)
            t_t, f_t = seconds_per_step(t_step)
            assert t_params[0].dtype == torch.float32
            ratio = t_np / t_t
            within = "예" if ratio <= 2 else "아니오"
            mark = within if n >= 256 else "-"
            if n >= 256 and ratio > 2:
                slow.append((n, h))
            print(f"{n:>5} {h:>4} {_us(t_np):>14} {_us(t_t):>14} {ratio:>12.2f}  {mark:6}"
                  f"  {f_np:>10.0f} {f_t:>10.0f}")
    print()
    if slow:
        print("배치 ≥ 256에서 numpy가 torch의 2배보다 느린 경우:", ", ".join(f"n={n} h={h}" for n, h in slow))
    else:
        print("배치 ≥ 256에서 numpy는 모든 경우에 torch의 2배 안입니다.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
