#!/usr/bin/env python3
"""Save-to-served latency of `gloss serve`: edits one article's body and polls its page until
the edit is served. Prints each round, the median, and the median rebuild time as the server
logged it (`… changed: 1 page(s) in N ms`).

Usage: python3 bench/serve_latency.py GLOSS_BINARY SITE_ROOT [ROUNDS]
The edited article is restored afterwards.
"""
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path


def main():
    gloss, root = sys.argv[1], Path(sys.argv[2])
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 9
    article = sorted((root / "content").rglob("*.md"))[0]
    original = article.read_text()
    server = subprocess.Popen([gloss, "serve", "--port", "0", "--root", str(root)],
                              stderr=subprocess.PIPE, text=True)
    try:
        url = None
        for line in server.stderr:
            match = re.match(r"Serving the site at (\S+)", line)
            if match:
                url = match.group(1)
                break
        logged = []

        def read_log():
            for line in server.stderr:
                found = re.search(r"changed: .* in (\d+) ms", line)
                if found:
                    logged.append(int(found.group(1)))

        threading.Thread(target=read_log, daemon=True).start()
        slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", article.stem)
        page = f"{url}{slug}/"
        times = []
        for n in range(rounds):
            marker = f"latency-marker-{n}-{time.time_ns()}"
            article.write_text(original + f"\n{marker}\n")
            start = time.perf_counter()
            while True:
                body = urllib.request.urlopen(page).read().decode()
                if marker in body:
                    break
                time.sleep(0.002)
            took = (time.perf_counter() - start) * 1000
            times.append(took)
            print(f"round {n}: {took:.0f} ms")
            time.sleep(0.3)
        print(f"save to served: median {statistics.median(times):.0f} ms over {rounds} edits")
        if logged:
            print(f"rebuild as logged: median {statistics.median(logged)} ms "
                  f"({min(logged)}-{max(logged)}) over {len(logged)} rebuilds")
    finally:
        article.write_text(original)
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
