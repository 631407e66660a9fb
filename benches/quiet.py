#!/usr/bin/env python3
"""What gavel's screen costs while a timer runs and while it is paused: the bytes it
writes to the terminal, when, and the system calls it makes (strace -c, attached
only for the measured window). Each phase starts on a fresh copy of the sample board
(`gavel init --sample`), with GAVEL_NOW on the March meeting's day, so `space` starts
it without a question; a second `space` pauses it.

usage: benches/quiet.py BINARY [running|paused|both] [SECONDS] [COLSxROWS]
   e.g. benches/quiet.py target/release/gavel paused 190 120x40
Needs strace. Prints one line per phase: bytes, B/s, each write's (second, bytes) and
the calls strace counted (statx, openat, getdents64, ...)."""
import fcntl, os, pty, select, signal, struct, subprocess, sys, tempfile, termios, time

binary = sys.argv[1]
mode = sys.argv[2] if len(sys.argv) > 2 else "both"
seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 0
cols, rows = map(int, (sys.argv[4] if len(sys.argv) > 4 else "80x24").split("x"))
work = tempfile.mkdtemp(prefix="gavel_quiet_")
env = dict(os.environ, TERM="xterm-256color", GAVEL_NOW="2022-03-03T10:00:00+00:00")
env.pop("NO_COLOR", None)


def phase(keys, seconds, tag):
    ws = os.path.join(work, tag)
    subprocess.run([binary, "init", ws, "--sample"], check=True, capture_output=True)
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(binary, [binary, "-w", ws], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def read_for(t):
        got, end = [], time.time() + t
        while time.time() < end:
            if select.select([fd], [], [], max(0, end - time.time()))[0]:
                try:
                    got.append(os.read(fd, 65536))
                except OSError:
                    break
        return got

    read_for(3)
    for key in keys:
        os.write(fd, key)
        read_for(1.5)
    trace = os.path.join(work, f"strace-{tag}.txt")
    tracer = subprocess.Popen(["strace", "-c", "-f", "-p", str(pid), "-o", trace], stderr=subprocess.DEVNULL)
    read_for(0.5)
    start, writes = time.time(), []
    while time.time() < start + seconds:
        if select.select([fd], [], [], max(0, start + seconds - time.time()))[0]:
            writes.append((round(time.time() - start, 1), len(os.read(fd, 65536))))
    tracer.send_signal(signal.SIGINT)
    tracer.wait()
    os.write(fd, b"q")
    read_for(1)
    os.waitpid(pid, 0)
    calls = {}
    for line in open(trace).read().splitlines():
        parts = line.split()
        if len(parts) >= 5 and parts[3].isdigit():
            calls[parts[-1]] = int(parts[3])
    total = sum(n for _, n in writes)
    print(f"{tag} {seconds:.0f} s at {cols}x{rows}: {total} bytes ({total / seconds:.2f} B/s), "
          f"writes {writes}; system calls {calls}")


if mode in ("both", "running"):
    phase([b" "], seconds or 30, "running")
if mode in ("both", "paused"):
    phase([b" ", b" "], seconds or 125, "paused")
