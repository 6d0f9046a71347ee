import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_collectstatic_succeeds_with_production_storage(tmp_path):
    """Production serves hashed, compressed files (whitenoise): every file a stylesheet names
    must be vendored, or collectstatic fails."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 60,
        "RIXIN_VAR_DIR": str(tmp_path),
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert list((tmp_path / "static" / "vendor" / "echarts").glob("echarts.min.*.js"))
