"""A real git repository in a temporary folder, seeded with the diff fixture masterplan (tests/diff/base)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

BASE = Path(__file__).parent / "base"


class GitRepo:
    def __init__(self, root: Path, plan_dir: str = "") -> None:
        self.root = root
        self.plan = root / plan_dir if plan_dir else root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "test@example.org")
        self.git("config", "user.name", "Test")
        self.git("config", "commit.gpgsign", "false")
        shutil.copytree(BASE, self.plan, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
        self.commit("base")

    def git(self, *args: str) -> str:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        return subprocess.run(["git", *args], cwd=self.root, check=True, capture_output=True, text=True,
                               env=env).stdout

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()

    def path(self, rel: str) -> Path:
        return self.plan / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str) -> None:
        p = self.path(rel)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")

    def replace(self, rel: str, old: str, new: str, count: int = 1) -> None:
        text = self.read(rel)
        assert old in text, f"{old!r} not in {rel}"
        self.write(rel, text.replace(old, new, count))

    def remove(self, rel: str) -> None:
        self.path(rel).unlink()

    def move(self, rel: str, to: str) -> None:
        self.path(to).parent.mkdir(parents=True, exist_ok=True)
        self.path(rel).rename(self.path(to))

    def replace_plan(self, source: Path) -> None:
        """Replace the diff fixture by another repository (e.g. a tests/cases one): every file but .git."""
        for old in self.plan.iterdir():
            if old.name != ".git":
                shutil.rmtree(old) if old.is_dir() else old.unlink()
        shutil.copytree(source, self.plan, dirs_exist_ok=True)
