#!/usr/bin/env python3
# check-install.py BUILDDIR MANIFEST: two checks that stand in for a Flatpak
# build, which needs a runtime this machine cannot download.
#
# 1. The Flatpak manifest is well formed and builds *this* checkout: app id,
#    command, a meson module of type "dir" pointing at the source root, tests
#    run, and every library we link is either in the GNOME runtime or built
#    as a module.
# 2. `meson install --destdir` lays out what a desktop needs: the program,
#    the desktop file, metainfo, schema, icons and the sample post.
#
# Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys

import byline_tap
import tempfile

APP_ID = "io.github.byline.Byline"
# What org.gnome.Platform ships, of what meson.build asks for.
IN_RUNTIME = {"glib-2.0", "gio-2.0", "gtk4", "libadwaita-1", "gtksourceview-5",
              "webkitgtk-6.0", "yaml-0.1"}
BUILT_AS_MODULE = {"libcmark-gfm": "cmark-gfm", "cmark-gfm-extensions": "cmark-gfm"}

_results = byline_tap.Results()
check = _results.check


def main():
    builddir, manifest_path = sys.argv[1], sys.argv[2]
    srcdir = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(manifest_path))))

    with open(manifest_path, encoding="utf-8") as f:
        m = json.load(f)
    check(m.get("id") == APP_ID, "manifest id is " + APP_ID, repr(m.get("id")))
    check(m.get("command") == "byline", "manifest command is byline")
    check(m.get("runtime") == "org.gnome.Platform" and m.get("sdk") == "org.gnome.Sdk",
          "GNOME runtime and SDK")
    modules = m.get("modules", [])
    names = [mod.get("name") for mod in modules]
    check(len(names) == len(set(names)), "module names are unique", repr(names))
    app = modules[-1] if modules else {}
    check(app.get("name") == "byline" and app.get("buildsystem") == "meson",
          "the last module builds byline with meson")
    check(app.get("run-tests") is True, "the byline module runs the tests")
    dirs = [s for s in app.get("sources", []) if s.get("type") == "dir"]
    ok = len(dirs) == 1 and os.path.samefile(
        os.path.join(os.path.dirname(manifest_path), dirs[0]["path"]), srcdir)
    check(ok, "the byline module builds this checkout (type dir)")

    with open(os.path.join(srcdir, "meson.build"), encoding="utf-8") as f:
        meson_build = f.read()
    for dep in sorted(IN_RUNTIME | set(BUILT_AS_MODULE)):
        if ("'%s'" % dep) not in meson_build:
            continue
        ok = dep in IN_RUNTIME or BUILT_AS_MODULE[dep] in names
        check(ok, "dependency %s is in the runtime or a module" % dep)

    with tempfile.TemporaryDirectory() as dest:
        r = subprocess.run(["meson", "install", "-C", builddir, "--destdir", dest,
                            "--no-rebuild", "--quiet"],
                           capture_output=True, text=True,
                           env=dict(os.environ, DESTDIR=dest))
        check(r.returncode == 0, "meson install --destdir succeeds", r.stderr.strip()[-500:])
        prefix = subprocess.run(["meson", "introspect", "--buildoptions", builddir],
                                capture_output=True, text=True)
        opts = {o["name"]: o["value"] for o in json.loads(prefix.stdout)}
        root = dest + opts["prefix"]
        share = os.path.join(root, opts["datadir"])
        expected = [
            os.path.join(root, opts["bindir"], "byline"),
            os.path.join(root, opts["libexecdir"], "byline-app"),
            os.path.join(share, "applications", APP_ID + ".desktop"),
            os.path.join(share, "metainfo", APP_ID + ".metainfo.xml"),
            os.path.join(share, "glib-2.0", "schemas", APP_ID + ".gschema.xml"),
            os.path.join(share, "icons", "hicolor", "scalable", "apps", APP_ID + ".svg"),
            os.path.join(share, "icons", "hicolor", "symbolic", "apps", APP_ID + "-symbolic.svg"),
            os.path.join(share, "byline", "sample", "sample-post.md"),
            os.path.join(share, "byline", "sample", "byline-og.png"),
        ]
        for path in expected:
            check(os.path.isfile(path), "installs " + os.path.relpath(path, dest))

    return _results.report()


if __name__ == "__main__":
    sys.exit(main())
