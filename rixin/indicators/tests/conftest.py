import pytest

from rixin.demo import indicators as demo


@pytest.fixture
def demo_indicators(db):
    """The demo's indicators: Shouyang's published H1 2024 and the illustrative rest."""
    demo.load()
