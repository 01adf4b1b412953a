"""Progress reports shared by every long job (import, translate, export).

A job is a generator that yields :class:`Progress` after each unit of work. The
consumer cancels it simply by closing the generator between items (``gen.close()``):
the job's open transaction is rolled back and nothing half-done is kept. The same
stream drives the terminal progress bar and the window's progress dialog.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int | None
    message: str = ""
    unit: str = "items"

    @property
    def fraction(self) -> float | None:
        if not self.total:
            return None
        return min(1.0, self.done / self.total)
