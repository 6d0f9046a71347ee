"""Database backups, taken by the system administrator or by ``manage.py backup``."""

from __future__ import annotations

import gzip
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection


@dataclass(frozen=True)
class BackupFile:
    name: str
    size: int
    modified: datetime


def backup_dir() -> Path:
    path = Path(settings.RIXIN_BACKUP_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def make_backup() -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    if connection.vendor == "sqlite":
        target = backup_dir() / f"rixin-{stamp}.sqlite3"
        connection.ensure_connection()
        dest = sqlite3.connect(target)
        try:
            connection.connection.backup(dest)
        finally:
            dest.close()
        return target
    if connection.vendor == "postgresql":
        if not shutil.which("pg_dump"):
            raise RuntimeError("pg_dump is not installed")
        db = settings.DATABASES["default"]
        target = backup_dir() / f"rixin-{stamp}.sql.gz"
        env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
        args = [
            "pg_dump",
            "--no-owner",
            "-h",
            db.get("HOST") or "localhost",
            "-p",
            str(db.get("PORT") or 5432),
            "-U",
            db.get("USER") or "postgres",
            db["NAME"],
        ]
        dump = subprocess.run(args, env=env, check=True, capture_output=True).stdout
        with gzip.open(target, "wb") as fh:
            fh.write(dump)
        return target
    raise RuntimeError(f"backups are not supported on {connection.vendor}")


def list_backups() -> list[BackupFile]:
    files = []
    for path in sorted(backup_dir().glob("rixin-*"), reverse=True):
        stat = path.stat()
        files.append(BackupFile(path.name, stat.st_size, datetime.fromtimestamp(stat.st_mtime)))
    return files
