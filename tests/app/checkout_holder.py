"""A desk in a process of its own for the check-out tests: takes a library, joins, checks out a page, says so, then beats every 0.2 s until it is killed."""

from __future__ import annotations

import sys
import time

from app.store import Library


def main(path: str, page_id: int) -> None:
    lib = Library.open(path)
    lib.person = "丙"
    lib.join()
    lib.check_out("page", page_id)
    print("held", flush=True)
    for _ in range(600):  # two minutes at most, should the test forget it
        time.sleep(0.2)
        lib.heartbeat()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
