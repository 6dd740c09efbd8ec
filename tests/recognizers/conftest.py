"""One Detector with the packaged configuration for every recogniser test (it loads the lexicons)."""

from __future__ import annotations

import pytest

from redact.config import load_config
from redact.stages.detect import Detector


@pytest.fixture(scope="session")
def detector() -> Detector:
    return Detector(load_config())
