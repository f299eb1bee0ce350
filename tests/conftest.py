"""Shared fixtures: the development corpus beside the project, temporary warehouses."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

# Flow runs in tests use their own quiet Prefect home.
os.environ.setdefault("PREFECT_HOME", str(ROOT / ".pytest_cache" / "prefect"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "MANIFEST.tsv").exists():
        pytest.skip("corpus ../shared/corpus not present")
    return CORPUS
