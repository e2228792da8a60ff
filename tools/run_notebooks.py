"""책의 노트북을 새 커널에서 위에서 아래로 실행하고, 출력을 저장합니다.

출력은 독자가 보는 내용이자 nbval이 비교하는 기준입니다. 노트북을 고친 뒤 실행하세요:

    python tools/run_notebooks.py            # book/의 모든 노트북
    python tools/run_notebooks.py book/01_forward.ipynb

실행 시각 같은 메타데이터는 남기지 않습니다.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def run(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.metadata.pop("execution", None)
    nbformat.write(nb, path)
    print("실행함:", path.relative_to(ROOT))


if __name__ == "__main__":
    paths = [Path(p).resolve() for p in sys.argv[1:]] or sorted((ROOT / "book").glob("*.ipynb"))
    for p in paths:
        run(p)
