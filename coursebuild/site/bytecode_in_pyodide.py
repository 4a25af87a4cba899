"""Run inside Pyodide (by bytecode_in_node.mjs): rewrite wheels with their modules compiled by that Python.

Not imported by the build: CPython's bytecode would not match Pyodide's Python, so the compiling is
done by Pyodide's own interpreter, reading and writing the job folder the Node script mounts.
"""

import base64
import hashlib
import importlib.util
import json
import os
import sysconfig
import warnings
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

# where Pyodide installs a pure wheel: tracebacks name the module's file there
SITE_PACKAGES = "/" + os.path.normpath(sysconfig.get_paths()["purelib"]).lstrip("/")  # Pyodide says //lib


def compiled_members(members: dict[str, bytes], keep_sources: bool) -> dict[str, bytes]:
    """The wheel's files with each module compiled: the .pyc in place of the .py, or beside it in
    __pycache__ when its sources stay (then the .pyc is unchecked, so the source is never reread)."""
    out = {}
    for name, data in members.items():
        if not name.endswith(".py") or ".dist-info/" in name or ".data/" in name:
            out[name] = data
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a module's invalid escapes warn when it is compiled
                code = compile(data, f"{SITE_PACKAGES}/{name}", "exec", dont_inherit=True)
        except SyntaxError:
            out[name] = data  # never importable here (a py2 leftover): shipped as it came
            continue
        pyc = _code_to_hash_pyc(code, importlib.util.source_hash(data), checked=False)
        if keep_sources:
            out[name] = data
            out[importlib.util.cache_from_source(name)] = pyc
        else:
            out[name[:-3] + ".pyc"] = pyc
    return out


def record_line(name: str, data: bytes) -> str:
    """One line of a wheel's RECORD."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}\n"


def compile_wheel(job: dict, zip_time: tuple) -> None:
    """Write job["out"]: job["src"] with its modules compiled and its RECORD and WHEEL to match."""
    with zipfile.ZipFile(job["src"]) as wheel:
        members = {info.filename: wheel.read(info) for info in wheel.infolist() if not info.is_dir()}
    record = next(name for name in members if name.endswith(".dist-info/RECORD"))
    del members[record]
    out = compiled_members(members, job["keep_sources"])
    wheel_file = record.removesuffix("RECORD") + "WHEEL"
    out[wheel_file] = out[wheel_file].rstrip(b"\n") + f"\nBuild: {job['build_tag']}\n".encode()
    out[record] = ("".join(record_line(name, data) for name, data in out.items()) + f"{record},,\n").encode()
    with zipfile.ZipFile(job["out"], "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in out.items():
            wheel.writestr(zipfile.ZipInfo(name, zip_time), data, zipfile.ZIP_DEFLATED)


def main(job_folder: str) -> None:
    """Compile every wheel jobs.json in job_folder lists."""
    jobs = json.loads(open(f"{job_folder}/jobs.json").read())
    for job in jobs["wheels"]:
        compile_wheel({**job, "src": f"{job_folder}/{job['src']}", "out": f"{job_folder}/{job['out']}"},
                      tuple(jobs["zip_time"]))
