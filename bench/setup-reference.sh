#!/usr/bin/env bash
# The benchmark's reference, proselint, in its own environment (never in vmlint's).
set -euo pipefail
cd "$(dirname "$0")"
python3 -m venv .venv-ref && .venv-ref/bin/pip install -q proselint
.venv-ref/bin/proselint version
