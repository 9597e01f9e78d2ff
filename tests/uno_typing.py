"""Type into a workbook in LibreOffice as a person does, in a chosen locale, and save it as .xlsx.

Run with the system python3, which has LibreOffice's `uno` module (the project's venv does not):

    /usr/bin/python3 tests/uno_typing.py --locale de-DE SRC DST ENTRIES.json

ENTRIES.json is a list of [sheet, cell, text]. Each text goes in through the dispatcher's
`.uno:EnterString`, the path of a key press on the input line, so the locale's input parsing
applies ("2,3" becomes the number 2.3 in de-DE) and a cell's number format takes part (a
percent-formatted cell turns "40" into 40 %). `setString`/`setValue` would skip all of that.
With no entries the file is only opened and saved again (a plain LibreOffice re-save).

Prints one JSON object: for each entry, what the cell then holds (type, value, what it shows).
soffice runs with a fresh profile of its own (so the locale is the one asked for) and is always
ended, whatever happens.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

LOCALE_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N">
<prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{locale}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N">
<prop oor:name="ooLocale" oor:op="fuse"><value>{locale}</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General">
<prop oor:name="DefaultLocale" oor:op="fuse"><value>{locale}</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc">
<prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Save/Document">
<prop oor:name="WarnAlienFormat" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""
CONNECT_SECONDS = 60
# The whole run, soffice included: past it the run stops and soffice is ended, before the
# caller's own timeout would kill this script and leave soffice behind.
RUN_SECONDS = 240


def _props(**values: object) -> tuple[object, ...]:
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def _connect(pipe: str, soffice: subprocess.Popen[bytes]) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if soffice.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("soffice did not start") from None
            time.sleep(0.3)


def _type(doc: object, ctx: object, entries: list[list[str]]) -> list[dict[str, object]]:
    smgr = ctx.ServiceManager  # type: ignore[attr-defined]
    dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    frame = doc.getCurrentController().getFrame()  # type: ignore[attr-defined]
    controller = doc.getCurrentController()  # type: ignore[attr-defined]
    sheets = doc.getSheets()  # type: ignore[attr-defined]
    seen = []
    for sheet_name, ref, text in entries:
        sheet = sheets.getByName(sheet_name)
        controller.setActiveSheet(sheet)
        dispatcher.executeDispatch(frame, ".uno:GoToCell", "", 0, _props(ToPoint=ref))
        dispatcher.executeDispatch(frame, ".uno:EnterString", "", 0, _props(StringName=text))
        cell = sheet.getCellRangeByName(ref)
        fmt = doc.getNumberFormats().getByKey(cell.NumberFormat)  # type: ignore[attr-defined]
        seen.append(
            {
                "sheet": sheet_name,
                "cell": ref,
                "typed": text,
                "type": cell.getType().value.lower(),
                "value": cell.getValue(),
                "shows": cell.getString(),
                "format": fmt.FormatString,
            }
        )
    return seen


def _out_of_time(*_: object) -> None:
    raise TimeoutError(f"LibreOffice did not finish within {RUN_SECONDS} s")


def main() -> int:
    signal.signal(signal.SIGALRM, _out_of_time)
    signal.signal(signal.SIGTERM, _out_of_time)
    signal.alarm(RUN_SECONDS)
    parser = argparse.ArgumentParser()
    parser.add_argument("--locale", default="en-US")
    parser.add_argument("src", type=Path)
    parser.add_argument("dst", type=Path)
    parser.add_argument("entries", type=Path, nargs="?")
    args = parser.parse_args()
    entries = json.loads(args.entries.read_text("utf-8")) if args.entries else []

    work = Path(tempfile.mkdtemp(prefix="cba-uno-"))
    profile = work / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        LOCALE_PROFILE.format(locale=args.locale), encoding="utf-8"
    )
    pipe = f"cba_uno_{uuid.uuid4().hex}"
    env = dict(os.environ, SAL_USE_VCLPLUGIN="svp")
    soffice = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    try:
        ctx = _connect(pipe, soffice)
        desktop = ctx.ServiceManager.createInstanceWithContext(  # type: ignore[attr-defined]
            "com.sun.star.frame.Desktop", ctx
        )
        doc = desktop.loadComponentFromURL(
            args.src.resolve().as_uri(), "_blank", 0, _props(Hidden=False)
        )
        seen = _type(doc, ctx, entries)
        doc.storeToURL(args.dst.resolve().as_uri(), _props(FilterName="Calc MS Excel 2007 XML"))
        doc.close(True)
        print(json.dumps({"locale": args.locale, "cells": seen}, ensure_ascii=False))
        with contextlib.suppress(Exception):  # the bridge goes down with soffice
            desktop.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            soffice.wait(timeout=20)
        return 0
    finally:
        if soffice.poll() is None:
            os.killpg(soffice.pid, signal.SIGKILL)
            soffice.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
