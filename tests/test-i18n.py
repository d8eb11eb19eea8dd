#!/usr/bin/env python3
# test-i18n.py SOURCE_ROOT: every user-visible string is marked for
# translation, every file with marked strings is in po/POTFILES.in, and every
# language in po/LINGUAS translates every string.
#
# The reference is xgettext itself, run over POTFILES.in as the build runs it.
# Against it:
#   - the .ui files, read as XML: every property or menu attribute that holds
#     words a person reads (label, title, tooltip-text, placeholder-text, …,
#     accessible labels) must say translatable="yes";
#   - the C files: every literal handed straight to a function that shows text
#     (gtk_label_set_text, a tooltip, a toast, g_set_error, g_printerr, …)
#     must be wrapped in _(); xgettext, told those functions are keywords and
#     given no others, finds exactly the bare ones;
#   - every file with _() or N_() calls is listed in POTFILES.in, and every
#     listed file has some.
# Then each .po of LINGUAS, merged with today's strings, must compile with
# `msgfmt --check` and have no untranslated or fuzzy message.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import byline_tap  # noqa: E402

# Properties and menu attributes that hold words shown to a person.
UI_TEXT_PROPERTIES = {
    "label", "title", "subtitle", "tooltip-text", "tooltip-markup",
    "placeholder-text", "description", "text", "heading", "body",
    "secondary-text", "accessible-name", "comments", "website-label",
}

# Functions whose text argument reaches the user (1-based argument numbers).
C_TEXT_FUNCTIONS = [
    "gtk_label_new:1", "gtk_label_new_with_mnemonic:1", "gtk_label_set_text:2",
    "gtk_label_set_label:2", "gtk_label_set_markup:2",
    "gtk_button_new_with_label:1", "gtk_button_new_with_mnemonic:1", "gtk_button_set_label:2",
    "gtk_check_button_new_with_label:1", "gtk_widget_set_tooltip_text:2",
    "gtk_widget_set_tooltip_markup:2", "gtk_window_set_title:2",
    "gtk_entry_set_placeholder_text:2", "gtk_text_set_placeholder_text:2",
    "gtk_editable_set_text:2",
    "adw_toast_new:1", "adw_toast_set_title:2", "adw_toast_set_button_label:2",
    "adw_preferences_row_set_title:2", "adw_action_row_set_subtitle:2",
    "adw_preferences_group_set_title:2", "adw_preferences_group_set_description:2",
    "adw_window_title_set_title:2", "adw_window_title_set_subtitle:2",
    "adw_message_dialog_new:2", "adw_message_dialog_new:3",
    "adw_message_dialog_set_heading:2", "adw_message_dialog_set_body:2",
    "adw_message_dialog_add_response:3", "adw_banner_set_title:2",
    "adw_status_page_set_title:2", "adw_status_page_set_description:2",
    "gtk_file_filter_set_name:2", "gtk_file_chooser_native_new:1",
    "gtk_file_dialog_set_title:2", "g_option_context_new:1",
    "g_option_context_set_summary:2", "g_option_context_set_description:2",
    "g_set_error:4", "g_set_error_literal:4", "g_error_new:3", "g_error_new_literal:3",
    "g_task_return_new_error:4", "g_prefix_error:2",
    "g_printerr:1", "g_print:1",
]

# Bare literals that are right as they are.
C_ALLOWED = {
    # the program's name in a CLI message prefix ("byline check: %s: %s\n",
    # "byline %s: %s\n" with the verb), and `byline --version`
    re.compile(r"^byline( \w+| %s)?: %s(: %s)*(: )?\n?$"),
    re.compile(r"^byline %s\n$"),
    # a format that only joins already translated parts
    re.compile(r"^[%s:\s\\n,()•.-]*$"),
}


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def unescape(text):
    """A PO string's C escapes resolved; the text is UTF-8."""
    return text.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def parse_po(path):
    """msgid (or (msgid, plural)) -> msgstr (or [msgstr...]); fuzzy ones are marked."""
    entries = {}
    fuzzy = set()
    with open(path, encoding="utf-8") as f:
        blocks = f.read().split("\n\n")
    for block in blocks:
        fields = {}
        current = None
        is_fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                is_fuzzy = True
            if line.startswith("#"):
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                current = m.group(1)
                fields[current] = m.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if "msgid" not in fields:
            continue
        msgid = unescape(fields["msgid"])
        if msgid == "":
            continue
        if "msgid_plural" in fields:
            key = (msgid, unescape(fields["msgid_plural"]))
            value = [unescape(v) for k, v in sorted(fields.items()) if k.startswith("msgstr[")]
        else:
            key = msgid
            value = unescape(fields.get("msgstr", ""))
        entries[key] = value
        if is_fuzzy:
            fuzzy.add(key)
    return entries, fuzzy


def xgettext_args():
    # What meson's i18n.gettext(preset: 'glib') passes.
    return ["--from-code=UTF-8", "--add-comments",
            "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
            "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
            "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
            "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
            "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
            "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
            "--flag=g_printerr:1:c-format", "--flag=g_print:1:c-format"]


def ui_unmarked(path):
    """Text properties of a .ui file that are not marked translatable."""
    problems = []
    tree = ET.parse(path)
    for element in tree.iter():
        if element.tag not in ("property", "attribute"):
            continue
        name = element.get("name", "")
        text = (element.text or "").strip()
        if name not in UI_TEXT_PROPERTIES or not text:
            continue
        if element.tag == "property" and element.find("*") is not None:
            continue
        if element.get("translatable") != "yes":
            problems.append("%s: %s “%s” is not marked translatable=\"yes\"" % (path, name, text))
    return problems


def main():
    src = os.path.abspath(sys.argv[1])
    results = byline_tap.Results()

    tools = [t for t in ("xgettext", "msgfmt", "msgmerge") if shutil.which(t) is None]
    if tools:
        print("1..0 # SKIP gettext tools missing: %s (apt-get install gettext)" % ", ".join(tools))
        return 0

    with open(os.path.join(src, "po", "POTFILES.in")) as f:
        potfiles = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    with open(os.path.join(src, "po", "LINGUAS")) as f:
        linguas = [l.strip() for l in f if l.strip() and not l.startswith("#")]

    tmp = tempfile.mkdtemp(prefix="byline-i18n-")
    pot = os.path.join(tmp, "byline.pot")
    r = run(["xgettext", "--package-name=byline", "-D", src, "-f", os.path.join(src, "po", "POTFILES.in"),
             "-o", pot] + xgettext_args())
    results.check(r.returncode == 0 and os.path.exists(pot), "xgettext reads every file of POTFILES.in", r.stderr)
    if not os.path.exists(pot):
        return results.report()
    catalogue, _ = parse_po(pot)
    msgids = {k if isinstance(k, str) else k[0] for k in catalogue}
    results.check(len(msgids) > 300, "xgettext finds the strings (%d)" % len(msgids))

    # POTFILES.in and the files with marked strings are the same set.
    sources = []
    for folder in ("src",):
        for root, _, files in os.walk(os.path.join(src, folder)):
            for name in files:
                if name.endswith(".c"):
                    sources.append(os.path.relpath(os.path.join(root, name), src))
    ui_files = []
    for root, _, files in os.walk(os.path.join(src, "data")):
        for name in files:
            if name.endswith(".ui"):
                ui_files.append(os.path.relpath(os.path.join(root, name), src))
    marker = re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*(GETTEXT_PACKAGE\s*,\s*)?"')
    with_strings = set()
    for path in sources:
        with open(os.path.join(src, path), encoding="utf-8") as f:
            if marker.search(f.read()):
                with_strings.add(path)
    for path in ui_files:
        with open(os.path.join(src, path), encoding="utf-8") as f:
            if 'translatable="yes"' in f.read():
                with_strings.add(path)
    missing = sorted(with_strings - set(potfiles))
    results.check(not missing, "every file with marked strings is in POTFILES.in",
                  "not listed:\n" + "\n".join(missing))
    code_files = {p for p in potfiles if p.endswith(".c") or p.endswith(".ui")}
    idle = sorted(code_files - with_strings)
    results.check(not idle, "every file in POTFILES.in has marked strings", "nothing to translate in:\n" + "\n".join(idle))
    results.check(potfiles == sorted(potfiles), "POTFILES.in is sorted")

    # .ui files: text properties are marked, and xgettext sees them.
    problems = []
    for path in sorted(ui_files):
        problems += ui_unmarked(os.path.join(src, path))
        tree = ET.parse(os.path.join(src, path))
        for element in tree.iter():
            if element.get("translatable") == "yes" and (element.text or "").strip():
                if element.text not in msgids:
                    problems.append("%s: “%s” is marked but xgettext did not extract it" % (path, element.text))
    results.check(not problems, "the .ui files mark every user-visible text (%d files)" % len(ui_files),
                  "\n".join(problems))

    # C files: no bare literal handed to a function that shows text.
    bare_pot = os.path.join(tmp, "bare.pot")
    r = run(["xgettext", "--from-code=UTF-8", "-k"] + ["--keyword=" + k for k in C_TEXT_FUNCTIONS] +
            ["-D", src, "-o", bare_pot, "--omit-header"] + sorted(sources))
    bare = []
    if os.path.exists(bare_pot):
        entries, _ = parse_po(bare_pot)
        with open(bare_pot, encoding="utf-8") as f:
            text = f.read()
        for key in entries:
            msgid = key if isinstance(key, str) else key[0]
            if not re.search(r"[A-Za-z]{2}", msgid) or any(p.match(msgid) for p in C_ALLOWED):
                continue
            where = re.search(r"#: ([^\n]*)\n(?:#[^\n]*\n)*msgid " + re.escape('"' + msgid.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")[:40]), text)
            bare.append("%s: “%s”" % (where.group(1) if where else "?", msgid))
    results.check(r.returncode == 0 and not bare,
                  "no bare literal reaches a label, tooltip, toast, error or message (%d C files)" % len(sources),
                  r.stderr + "\n".join(bare))

    # Each language: complete, no fuzzy, checks pass.
    results.check(len(linguas) > 0, "po/LINGUAS lists a language")
    for lang in linguas:
        po = os.path.join(src, "po", lang + ".po")
        merged = os.path.join(tmp, lang + ".po")
        r = run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, pot])
        if not results.check(r.returncode == 0, "%s.po merges with today's strings" % lang, r.stderr):
            continue
        r = run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged])
        stats = r.stderr.strip()
        results.check(r.returncode == 0, "%s.po passes msgfmt --check" % lang, r.stderr)
        results.check(re.match(r"^\d+ translated messages?\.$", stats) is not None,
                      "%s.po translates every string: %s" % (lang, stats),
                      "untranslated or fuzzy messages; run `ninja -C _build byline-update-po` and translate them")
        entries, fuzzy = parse_po(po)
        header = open(po, encoding="utf-8").read()
        results.check("Plural-Forms: nplurals=2; plural=(n != 1);" in header if lang == "de" else "Plural-Forms:" in header,
                      "%s.po has the right Plural-Forms header" % lang)
        results.check(not fuzzy, "%s.po has no fuzzy entries" % lang, "\n".join(map(str, fuzzy)))

    shutil.rmtree(tmp, ignore_errors=True)
    return results.report()


if __name__ == "__main__":
    sys.exit(main())
