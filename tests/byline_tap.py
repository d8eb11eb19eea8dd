# byline_tap.py: TAP output for the Python tests (meson's protocol: 'tap')
#
# SPDX-License-Identifier: GPL-3.0-or-later


class Results:
    """Checks as they are made; printed at the end as one TAP stream."""

    def __init__(self):
        self.results = []

    def check(self, ok, name, detail=""):
        self.results.append((bool(ok), name, detail))
        return bool(ok)

    def report(self):
        """Prints the plan and a line a check; returns the exit status."""
        print("1..%d" % len(self.results))
        for i, (ok, name, detail) in enumerate(self.results, 1):
            print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
            if not ok and detail:
                for line in detail.splitlines():
                    print("# " + line)
        return 0 if all(ok for ok, _, _ in self.results) else 1
