#!/usr/bin/env python3
# check-install.py BUILDDIR MANIFEST: static checks of what we ship, beside the
# real Flatpak build (build-aux/flatpak/stand-in-check, which needs root and
# a quarter of an hour, so it is not part of `meson test`).
#
# 1. The Flatpak manifest is one Flathub would take and builds *this*
#    checkout: app id, command, GNOME runtime, every git source pinned by
#    commit and tag, debug info kept, only the finish-args we have a reason
#    for, a meson module of type "dir" pointing at the source root, tests run,
#    every library we link either in the GNOME runtime or built as a module;
#    and the stand-in manifest made from it differs only where it must.
# 2. The AppStream metainfo keeps to Flathub's rules that `appstreamcli
#    validate` (the validate-metainfo test) does not check: summary and
#    caption lengths, screenshots at stable URLs of files we have, a content
#    rating, release notes for this version.
# 3. `meson install --destdir` lays out what a desktop needs: the program,
#    the desktop file, metainfo, schema, icons and the sample post.
#
# Prints TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import byline_tap

APP_ID = "io.github.byline.Byline"
# What org.gnome.Platform ships, of what meson.build asks for.
IN_RUNTIME = {"glib-2.0", "gio-2.0", "gtk4", "libadwaita-1", "gtksourceview-5",
              "webkitgtk-6.0", "yaml-0.1"}
BUILT_AS_MODULE = {"libcmark-gfm": "cmark-gfm", "cmark-gfm-extensions": "cmark-gfm"}
# Every permission, and why; a new one has to be argued for here and in the
# manifest's "//finish-args" (and `host` or a wider folder never).
FINISH_ARGS = {
    "--filesystem=home": "reload on outside changes and the preview's relative "
                         "images need the post's real folder, not the document portal",
    "--share=ipc": "X11 shared memory",
    "--socket=fallback-x11": "X11 only where there is no Wayland",
    "--socket=wayland": "the display",
    "--device=dri": "GTK and WebKit draw with the GPU",
    "--share=network": "the preview loads a post's remote images and embeds",
}
# Build types that keep debug info for the .Debug extension.
MESON_DEBUG_TYPES = {"debug", "debugoptimized"}
CMAKE_DEBUG_TYPES = {"Debug", "RelWithDebInfo"}
SCREENSHOT_URL = "https://raw.githubusercontent.com/byline/byline/main/data/screenshots/"

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
    check(dirs and "_build" in dirs[0].get("skip", []),
          "the checkout's _build is not copied into the build")

    check_pinned(modules)
    check_debuginfo(m, modules)
    args = m.get("finish-args", [])
    extra = [a for a in args if a not in FINISH_ARGS]
    check(not extra, "every finish-arg is one we have a reason for", repr(extra))
    reasons = " ".join(m.get("//finish-args", []))
    unexplained = [a for a in args if a.startswith(("--filesystem", "--device", "--share=network"))
                   and a not in reasons]
    check("//finish-args" in m and not unexplained,
          "the manifest says why it asks for the filesystem, device and network",
          repr(unexplained))
    check_stand_in(manifest_path, srcdir, m)
    check_metainfo(srcdir, meson_version(srcdir))

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


def sources_of(modules):
    for mod in modules:
        if not isinstance(mod, dict):
            continue
        for src in mod.get("sources", []):
            if isinstance(src, dict):
                yield mod.get("name"), src
        yield from sources_of(mod.get("modules", []))


def check_pinned(modules):
    """Flathub builds from exactly what we tested: a git source names its
    commit as well as its tag, an archive or file its checksum."""
    loose = []
    for name, src in sources_of(modules):
        kind = src.get("type")
        if kind == "git":
            if not (re.fullmatch(r"[0-9a-f]{40}", src.get("commit", "")) and src.get("tag")):
                loose.append(name)
        elif kind in ("archive", "file"):
            if not src.get("sha256"):
                loose.append(name)
    check(not loose, "every git source pins commit and tag, every archive a sha256",
          repr(loose))


def check_debuginfo(m, modules):
    """Debug info is built and kept (split into the .Debug extension)."""
    bad = []
    for mod in [m] + [x for x in modules if isinstance(x, dict)]:
        opts = mod.get("build-options", {})
        if opts.get("no-debuginfo") or opts.get("strip") or mod.get("no-debuginfo"):
            bad.append("%s strips" % mod.get("name", mod.get("id")))
        for opt in mod.get("config-opts", []):
            found = re.fullmatch(r"-DCMAKE_BUILD_TYPE=(\w+)", opt)
            if found and found.group(1) not in CMAKE_DEBUG_TYPES:
                bad.append("%s %s" % (mod.get("name"), opt))
            found = re.fullmatch(r"(?:--buildtype|-Dbuildtype)=(\w+)", opt)
            if found and found.group(1) not in MESON_DEBUG_TYPES:
                bad.append("%s %s" % (mod.get("name"), opt))
    check(not bad, "every module keeps its debug info", repr(bad))


def check_stand_in(manifest_path, srcdir, m):
    """The manifest the real build uses (build-aux/flatpak/stand-in-check) is
    made from this one and differs only in runtime, SDK, branch, the modules
    the Debian stand-in has, and the app's source."""
    gen = os.path.join(srcdir, "build-aux", "flatpak", "stand-in-manifest")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "stand-in.json")
        r = subprocess.run([sys.executable, gen, manifest_path, out, "--runtime", "R",
                            "--sdk", "S", "--branch", "B", "--source-dir", srcdir],
                           capture_output=True, text=True)
        if not check(r.returncode == 0, "stand-in-manifest makes a manifest", r.stderr):
            return
        with open(out, encoding="utf-8") as f:
            s = json.load(f)
    check((s["runtime"], s["sdk"], s["runtime-version"]) == ("R", "S", "B"),
          "the stand-in manifest names the stand-in runtime")
    rest_s = {k: v for k, v in s.items()
              if k not in ("runtime", "sdk", "runtime-version", "modules", "//stand-in")}
    rest_m = {k: v for k, v in m.items() if k not in ("runtime", "sdk", "runtime-version", "modules")}
    check(rest_s == rest_m, "the stand-in manifest keeps everything else (finish-args, cleanup)")
    app_s, app_m = s["modules"][-1], m["modules"][-1]
    same = ({k: v for k, v in app_s.items() if k != "sources"}
            == {k: v for k, v in app_m.items() if k != "sources"})
    check(same, "the stand-in builds the app module with the shipping options")
    check([x.get("name") for x in s["modules"][:-1]]
          == [x.get("name") for x in m["modules"][:-1] if x.get("name") != "cmark-gfm"],
          "the stand-in drops only cmark-gfm, which Debian's runtime has")


def meson_version(srcdir):
    with open(os.path.join(srcdir, "meson.build"), encoding="utf-8") as f:
        found = re.search(r"version:\s*'([^']+)'", f.read())
    return found.group(1) if found else None


def check_metainfo(srcdir, version):
    path = os.path.join(srcdir, "data", APP_ID + ".metainfo.xml.in")
    root = ET.parse(path).getroot()
    summary = (root.findtext("summary") or "").strip()
    check(0 < len(summary) <= 35, "metainfo summary has at most 35 characters",
          "%d: %r" % (len(summary), summary))
    shots = root.findall("screenshots/screenshot")
    check(shots, "metainfo has screenshots")
    for shot in shots:
        caption = (shot.findtext("caption") or "").strip()
        check(0 < len(caption) <= 50, "screenshot caption has at most 50 characters: " + caption,
              "%d characters" % len(caption))
        url = (shot.findtext("image") or "").strip()
        name = url[len(SCREENSHOT_URL):]
        ok = (url.startswith(SCREENSHOT_URL) and "/" not in name
              and os.path.isfile(os.path.join(srcdir, "data", "screenshots", name)))
        check(ok, "screenshot at a stable URL of a file in data/screenshots: " + name, url)
    rating = root.find("content_rating")
    check(rating is not None and rating.get("type", "").startswith("oars-"),
          "metainfo has an OARS content rating")
    releases = root.findall("releases/release")
    newest = releases[0] if releases else None
    check(newest is not None and newest.get("version") == version,
          "the newest release in the metainfo is this version, " + str(version),
          repr(newest.get("version") if newest is not None else None))
    check(newest is not None and newest.find("description") is not None
          and newest.get("date"), "the newest release has a date and notes")


if __name__ == "__main__":
    sys.exit(main())
