#!/usr/bin/env python3
"""Import benchmark (issue 7): a 100,000-row units workbook through `thidua import units` and a
full figure workbook through the upload page — time and peak memory — and how long another
user's saves wait while the units import runs. Not a test: it prints figures.

    pip install requests openpyxl
    cargo build --release
    python3 benches/import.py target/release/thidua [OTHER_BINARY ...]

Each binary gets a fresh SQLite database on 127.0.0.1:18741. Give an older build as a second
binary to compare before and after a change. With `--postgres postgres://user@host:5432/db`
each run gets a fresh PostgreSQL database instead (created and dropped with psql).
"""

import io
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import requests
from openpyxl import Workbook, load_workbook

PORT = 18741
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "Bench-Import-2026!x"
ROWS = 100_000


def units_workbook(path):
    """1,000 residential groups' worth of rows: 100 'khu' units under HL, each with 999 children."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Đơn vị")
    ws.append(["Mã", "Tên", "Loại", "Mã đơn vị cấp trên", "Hiệu lực từ", "Hiệu lực đến", "Ghi chú"])
    n = 0
    k = 0
    while n < ROWS:
        k += 1
        parent = f"BK-{k:03d}"
        ws.append([parent, f"Khu đo thử {k}", "Thôn", "HL-DT", "01/01/2022", "", ""])
        n += 1
        for g in range(999):
            if n >= ROWS:
                break
            ws.append([f"{parent}-{g:03d}", f"Tổ dân phố {g} khu {k}", "Tổ dân phố", parent, "01/01/2022", "", ""])
            n += 1
    wb.save(path)


class Session:
    def __init__(self):
        self.s = requests.Session()
        self.s.headers["Origin"] = BASE

    def csrf(self, path):
        m = re.search(r'name="csrf" value="([^"]+)"', self.s.get(BASE + path).text)
        return m.group(1)

    def login(self):
        token = self.csrf("/dang-nhap")
        r = self.s.post(BASE + "/dang-nhap", data={"csrf": token, "username": "admin", "password": PASSWORD}, allow_redirects=False)
        assert r.status_code in (302, 303), r.status_code

    def unit_id(self, code):
        page = self.s.get(BASE + "/don-vi/tim", params={"q": code}).text
        for m in re.finditer(r'<a href="/don-vi/(\d+)">[^<]*</a>.*?<td>[^<]*</td><td>([^<]*)</td>', page, re.S):
            if m.group(2) == code:
                return int(m.group(1))
        raise KeyError(code)


def save_sheet(s, unit, year):
    """One save of a figure sheet as an official does it — open the page, press «Lưu» —
    timed whole: a signed-in page view also writes (the session's last use)."""
    t = time.perf_counter()
    g = s.s.get(f"{BASE}/so-lieu/{unit}/{year}")
    if g.status_code != 200:
        return time.perf_counter() - t, g.status_code
    page = g.text
    fields = dict(re.findall(r'name="((?:v|c)_\d+|version|csrf)" value="([^"]*)"', page))
    fields["hanh_dong"] = "luu"
    r = s.s.post(f"{BASE}/so-lieu/{unit}/{year}", data=fields, allow_redirects=False)
    return time.perf_counter() - t, r.status_code


def filled_figures(s, unit, year):
    """The unit's downloaded template with a plausible value in every row."""
    r = s.s.get(f"{BASE}/so-lieu/{unit}/{year}/mau.xlsx")
    wb = load_workbook(io.BytesIO(r.content))
    ws = wb["Số liệu"]
    values = {"DAN_SO": 9850, "SO_HO": 2710, "GTSX": 1250.5, "THU_NHAP": 84.2, "BHYT": 93.4,
              "HO_NGHEO": 41, "HO_NGHEO_TN": 6, "RAC": 98.7, "HO_NUOC_SACH": 2600, "DTVM_DAT": "Đạt",
              "TP_TONG": 12, "TP_VM": 8, "OCOP_3SAO": 1, "NO_XDCB": 0}
    for row in ws.iter_rows(min_row=5):
        code = row[0].value
        if code in values:
            row[4].value = values[code]
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def peak_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def fresh_postgres(admin_url):
    """A new database beside `admin_url`'s; its URL and a function that drops it."""
    name = f"thidua_bench_import_{os.getpid()}_{int(time.time())}"
    subprocess.run(["psql", admin_url, "-qc", f"CREATE DATABASE {name}"], check=True)
    url = admin_url.rsplit("/", 1)[0] + "/" + name
    return url, lambda: subprocess.run(["psql", admin_url, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=False)


def run(binary, workbook, postgres=None):
    binary = os.path.realpath(binary)
    with tempfile.TemporaryDirectory() as d:
        url, drop = (f"sqlite://{d}/t.sqlite?mode=rwc", lambda: None) if not postgres else fresh_postgres(postgres)
        env = dict(os.environ, THIDUA_BIND=f"127.0.0.1:{PORT}", THIDUA_DATA_DIR=d,
                   THIDUA_DATABASE_URL=url, THIDUA_ADMIN_PASSWORD=PASSWORD)
        subprocess.run([binary, "migrate"], env=env, check=True, capture_output=True)
        server = subprocess.Popen([binary, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    requests.get(BASE + "/suc-khoe", timeout=1)
                    break
                except requests.ConnectionError:
                    time.sleep(0.1)
            s = Session()
            s.login()
            dt = s.unit_id("HL-DT")

            # Figure workbook: 20 uploads, median time; the server's memory high-water mark.
            wb = filled_figures(s, dt, 2023)
            base_kb = peak_kb(server.pid)
            times = []
            for _ in range(20):
                token = s.csrf(f"/so-lieu/{dt}/2023/nhap")
                t = time.perf_counter()
                r = s.s.post(f"{BASE}/so-lieu/{dt}/2023/nhap", data={"csrf": token},
                             files={"file": ("so-lieu.xlsx", wb)}, allow_redirects=False)
                times.append(time.perf_counter() - t)
                assert r.status_code == 303, (r.status_code, r.text[:300])
            fig = (statistics.median(times) * 1000, peak_kb(server.pid) - base_kb)

            # Units workbook through the command line, while another user saves a sheet.
            waits, failed = [], 0
            stop = threading.Event()

            def saver():
                nonlocal failed
                other = Session()
                other.login()
                while not stop.is_set():
                    secs, status = save_sheet(other, dt, 2024)
                    waits.append(secs)
                    if status != 303:
                        failed += 1

            th = threading.Thread(target=saver)
            th.start()
            time.sleep(0.5)
            before = len(waits)
            t = time.perf_counter()
            p = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "import", "units", workbook],
                               env=env, capture_output=True, text=True)
            units_secs = time.perf_counter() - t
            stop.set()
            th.join()
            during = waits[before:]
            units_kb = int(p.stderr.strip().splitlines()[-1])
            ok = "Đã nhập" in p.stdout
            return {
                "units_ok": ok, "units_s": units_secs, "units_mb": units_kb / 1024,
                "units_msg": (p.stdout + p.stderr).strip().splitlines()[0][:120],
                "saves": len(during), "save_failed": failed,
                "save_max_ms": max(during) * 1000 if during else float("nan"),
                "save_p95_ms": (sorted(during)[int(len(during) * 0.95)] * 1000) if during else float("nan"),
                "fig_ms": fig[0], "fig_mb": fig[1] / 1024,
            }
        finally:
            server.terminate()
            server.wait()
            drop()


def main():
    args = sys.argv[1:]
    postgres = None
    if "--postgres" in args:
        i = args.index("--postgres")
        postgres = args[i + 1]
        del args[i:i + 2]
    bins = args or ["target/release/thidua"]
    path = os.path.join(tempfile.gettempdir(), f"thidua-bench-units-{ROWS}.xlsx")
    if not os.path.exists(path):
        units_workbook(path)
    print(f"units workbook: {ROWS} rows, {os.path.getsize(path) / 1e6:.1f} MB")
    for b in bins:
        r = run(b, path, postgres)
        print(f"\n{b} on {'PostgreSQL' if postgres else 'SQLite'}")
        print(f"  units import: {r['units_s']:.1f} s, peak {r['units_mb']:.0f} MB, imported={r['units_ok']} ({r['units_msg']})")
        print(f"  saves during it: {r['saves']}, failed {r['save_failed']}, p95 {r['save_p95_ms']:.0f} ms, max {r['save_max_ms']:.0f} ms")
        print(f"  figure workbook upload: median {r['fig_ms']:.0f} ms, server peak +{r['fig_mb']:.1f} MB")


if __name__ == "__main__":
    main()
