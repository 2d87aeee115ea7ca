"""Every examples/*.py runs in a subprocess, offline, and prints what it promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).parent.parent / "examples"


def test_rank_base_models(tmp_path):
    out = subprocess.run([sys.executable, str(EXAMPLES / "rank_base_models.py")], cwd=tmp_path,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split()[:2] == ["base", "model"] and len(lines) > 5
    assert lines[1].split()[0] == "BERT"  # the seed's most derived-from base model
