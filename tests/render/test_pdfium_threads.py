"""PDFium is not thread-safe; the studio renders thumbnails on worker threads.

Without the process-wide lock in ``poster_gen.render.pdfium_lock`` this script crashes the
interpreter (SIGTRAP/SIGSEGV) in most runs, so it runs in a child process where a crash is a
failed test instead of a dead test session.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent("""
    import sys, threading
    from pathlib import Path
    from poster_gen.studio.engine import thumbnail
    from poster_gen.render.raster import rasterise

    path = Path(sys.argv[1])
    data = path.read_bytes()
    errors = []

    def thumbs():
        try:
            for _ in range(10):
                assert thumbnail(data, 400).startswith(b"\\x89PNG")
        except Exception as exc:
            errors.append(exc)

    def previews():
        try:
            for _ in range(3):
                assert rasterise(path, dpi=20)[0].width > 0
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=thumbs) for _ in range(8)]
    threads += [threading.Thread(target=previews) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("errors", len(errors), errors)
    sys.exit(1 if errors else 0)
""")


@pytest.mark.slow
def test_concurrent_rendering_in_one_process_does_not_crash(built):
    pdf = built / "posters" / "integrated-circuits.pdf"
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(pdf)], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, (proc.returncode, proc.stdout[-500:], proc.stderr[-2000:])
    assert "errors 0" in proc.stdout
