"""Convert spreadsheet files in a running LibreOffice (tests/support/office-convert.ts).

Arguments: pipe name, seconds to wait for the office to answer, export filter, export filter
options, import filter, import filter options, output folder, output extension, input files.
An empty import filter lets LibreOffice detect the type, as `soffice --convert-to` does. Each file
is opened hidden, stored with the export filter as <output folder>/<input name>.<extension>, and
closed. Exits with a sentence on the first failure.

The client leaves by `os._exit` once its work is done or failed: Python's own teardown with the UNO
bridge's threads still running is where a client that had stored every file can die of SIGSEGV
(seen once in a CI run).
"""
import os
import sys
import time
import traceback

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def props(values):
    out = []
    for name, value in values.items():
        p = PropertyValue()
        p.Name = name
        p.Value = value
        out.append(p)
    return tuple(out)


def connect(pipe, seconds):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    end = time.time() + seconds
    while True:
        try:
            return resolver.resolve(f'uno:pipe,name={pipe};urp;StarOffice.ComponentContext')
        except NoConnectException:
            # The office started by the first test that needed it may still be starting.
            if time.time() > end:
                sys.exit(f'LibreOffice did not answer on pipe {pipe} within {seconds} s')
            time.sleep(0.1)


def main(pipe, seconds, export, export_options, infilter, infilter_options, outdir, ext, *inputs):
    ctx = connect(pipe, float(seconds))
    desktop = ctx.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
    for path in inputs:
        load = {'Hidden': True}
        if infilter:
            load['FilterName'] = infilter
        if infilter_options:
            load['FilterOptions'] = infilter_options
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), '_blank', 0, props(load))
        if doc is None:
            sys.exit(f'LibreOffice could not open {path}')
        try:
            store = {'FilterName': export, 'Overwrite': True}
            if export_options:
                store['FilterOptions'] = export_options
            name = os.path.splitext(os.path.basename(path))[0] + '.' + ext
            os.makedirs(outdir, exist_ok=True)
            doc.storeToURL(uno.systemPathToFileUrl(os.path.join(os.path.abspath(outdir), name)), props(store))
        finally:
            doc.close(True)


def run():
    """main's exit status: 0, or 1 with its sentence or traceback written to stderr."""
    try:
        main(*sys.argv[1:])
        return 0
    except SystemExit as leave:
        if isinstance(leave.code, str):
            sys.stderr.write(leave.code + '\n')
            return 1
        return leave.code or 0
    except BaseException:
        traceback.print_exc()
        return 1


if __name__ == '__main__':
    status = run()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
