"""Where a job keeps its result file and its live progress: ``RIXIN_JOBS_DIR`` (default
``var/jobs``), outside ``MEDIA_ROOT``, so a file is handed out only through the job page.

The progress of work running inside one long transaction (an import's commit) is written
to a small JSON file beside it as well as to the job row: the row's update is seen by
others only when that transaction commits, the file at once."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)


def jobs_dir() -> Path:
    return Path(settings.RIXIN_JOBS_DIR)


def save_result(job_pk: int, name: str, content: bytes) -> str:
    """Write the result; its path relative to the jobs folder."""
    relative = Path(str(job_pk)) / Path(name).name
    path = jobs_dir() / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return relative.as_posix()


def result_path(relative: str) -> Path | None:
    if not relative:
        return None
    path = (jobs_dir() / relative).resolve()
    if jobs_dir().resolve() not in path.parents or not path.is_file():
        return None
    return path


def _progress_path(job_pk: int) -> Path:
    return jobs_dir() / "progress" / f"{job_pk}.json"


def write_progress(job_pk: int, done: int, total: int, message: str) -> None:
    """Best effort: a progress file that cannot be written never stops the work."""
    path = _progress_path(job_pk)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"done": done, "total": total, "message": message}))
        os.replace(temporary, path)  # a reader never sees half a file
    except OSError:
        log.warning("job %s: progress file %s not written", job_pk, path, exc_info=True)


def read_progress(job_pk: int) -> dict | None:
    try:
        return json.loads(_progress_path(job_pk).read_text())
    except (OSError, ValueError):
        return None


def clear_progress(job_pk: int) -> None:
    _progress_path(job_pk).unlink(missing_ok=True)
