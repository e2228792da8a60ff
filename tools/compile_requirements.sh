#!/usr/bin/env bash
# requirements.txt를 pyproject.toml(requirements.in을 거쳐)에서 pip-compile(pip-tools)로 다시 만듭니다.
#   bash tools/compile_requirements.sh                        # 고정한 버전은 그대로, 바뀐 범위만 반영
#   bash tools/compile_requirements.sh --upgrade              # 모두 범위 안의 최신으로
#   bash tools/compile_requirements.sh --upgrade-package numpy
# Python 3.11에서 실행하세요(requirements.txt는 그 버전용). torch는 CPU 빌드가 보여야 합니다:
# 이 컴퓨터는 pip의 find-links에 있고, 다른 곳에서는
#   PIP_EXTRA_INDEX_URL=https://download.pytorch.org/whl/cpu bash tools/compile_requirements.sh
# PyPI의 리눅스 torch는 nvidia-* CUDA 패키지(수 GB)를 요구하므로, 그것이 고정되면 여기서 실패합니다.
set -euo pipefail
cd "$(dirname "$0")/.."
PIP_TOOLS_VERSION=7.6.2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q --disable-pip-version-check "pip-tools==$PIP_TOOLS_VERSION"

# 색인 주소와 find-links는 컴퓨터마다 다르므로 파일에 적지 않습니다(--no-emit-*).
CUSTOM_COMPILE_COMMAND="bash tools/compile_requirements.sh" \
  "$tmp/venv/bin/pip-compile" --quiet --strip-extras --allow-unsafe \
  --no-emit-index-url --no-emit-find-links \
  --output-file requirements.txt "$@" requirements.in

# CPU 빌드의 버전에는 로컬 꼬리표 +cpu가 붙습니다. 파일에는 `torch==2.13.0`으로 적어
# CPU 색인(+cpu)과 macOS 등의 PyPI 빌드 어느 쪽으로도 설치되게 합니다.
sed -i -E 's/^(torch==[0-9.]+)\+cpu$/\1/' requirements.txt
# pip-compile의 머리말(다시 만드는 명령) 뒤에 설치할 때 알아 둘 것을 적습니다.
sed -i '/^#    bash tools\/compile_requirements.sh$/a #\n# Python 3.11용입니다. torch는 CPU 빌드로 설치하세요: 리눅스에서 PyPI의 torch는 CUDA 빌드(수 GB)입니다.\n# README의 "torch CPU 빌드" 참고(예: pip install --extra-index-url https://download.pytorch.org/whl/cpu -r requirements.txt).' requirements.txt

if grep -nE '^(nvidia-|triton==)' requirements.txt; then
  echo "requirements.txt에 CUDA 패키지가 고정되었습니다: pip-compile이 PyPI의 CUDA 빌드 torch를 읽었습니다." >&2
  echo "torch CPU 빌드가 보이게 하고(위 PIP_EXTRA_INDEX_URL) 다시 실행하세요." >&2
  exit 1
fi
if ! grep -qxE 'torch==[0-9.]+' requirements.txt; then
  echo "requirements.txt에 torch 고정이 없습니다" >&2
  exit 1
fi

# 배우는 사람의 설치(첫 페이지의 `pip install -c constraints.txt ".[learn]"`)가 쓰는 제약 파일: 같은 고정 버전에서
# 설치되는 것만 그 버전으로. pip은 제약 파일에 편집 설치(-e .)를 받지 않으므로 `이름==버전` 줄만 옮깁니다.
{
  echo "# requirements.txt의 고정 버전(\`이름==버전\` 줄)만 옮긴 pip 제약 파일입니다. 손으로 고치지 마세요:"
  echo "# bash tools/compile_requirements.sh가 requirements.txt와 함께 만듭니다."
  echo "# 첫 페이지의 설치: pip install -c constraints.txt \".[learn]\" (제약은 설치되는 패키지에만 걸립니다)"
  grep -E '^[A-Za-z0-9][A-Za-z0-9._-]*==' requirements.txt
} > constraints.txt
echo "requirements.txt와 constraints.txt를 만들었습니다 ($(grep -cE '^[A-Za-z]' requirements.txt)개 패키지)"
