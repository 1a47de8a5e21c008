#!/usr/bin/env python3
"""A burst written to a fresh `abuseloop watch` (no root needed with --fw none): the time from the write
to its first and last `ban` line on stdout, and the CPU each thread of the process used for it, which
stays meaningful on a shared machine. The launcher's flags apply; --opts sets JAVA_OPTS.

    python3 bench/watch_burst.py                       # 5,000 attackers x 12 failures, one fresh process
    python3 bench/watch_burst.py --second --runs 3     # also a second burst in the same process (warm)
    python3 bench/watch_burst.py --opts="-XX:+UseG1GC -XX:-TieredCompilation -Xlog:gc:stderr"
    HEAPINFO=1 python3 bench/watch_burst.py            # jcmd GC.heap_info after each burst

Lines as bench/reaction.sh writes them (11.x.y.1, one attacker per /24). The `ban` lines are printed by
the recorder after the kernel (here: nothing) and the store have each ban, and it waits while
batches wait for the decision thread, so the last line comes later than the last ban decided.
--fw nftables needs root and a network namespace named wsburst (ip netns add wsburst).
"""
import os, shutil, subprocess, time, tempfile, argparse
ap = argparse.ArgumentParser()
ap.add_argument('--fw', default='none'); ap.add_argument('--n', type=int, default=5000)
ap.add_argument('--failures', type=int, default=12); ap.add_argument('--opts', default='')
ap.add_argument('--runs', type=int, default=1); ap.add_argument('--second', action='store_true')
a = ap.parse_args()
tick = os.sysconf('SC_CLK_TCK')
def cpu(pid):
    t = 0
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            f = open(f'/proc/{pid}/task/{tid}/stat').read().rsplit(')', 1)[1].split()
            t += int(f[11]) + int(f[12])
        except FileNotFoundError: pass
    return t * 1000 / tick
def threads(pid):
    out = {}
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            raw = open(f'/proc/{pid}/task/{tid}/stat').read()
            name = raw[raw.index('(')+1:raw.rindex(')')]
            f = raw.rsplit(')', 1)[1].split()
            key = ''.join(c for c in name if not c.isdigit()) if name.startswith(('C2','C1','GC','G1')) else name
            out[key] = out.get(key, 0) + (int(f[11]) + int(f[12])) * 1000 / tick
        except FileNotFoundError: pass
    return out
def lines(addrs, n, stamp):
    out = []
    for r in range(n):
        for i, ad in enumerate(addrs):
            out.append(f"{stamp} bench sshd[{30000+i}]: Failed password for root from {ad} port {40000+r} ssh2\n")
    return ''.join(out).encode()
for run in range(a.runs):
    d = tempfile.mkdtemp(prefix='abl-burst-')
    log = os.path.join(d, 'auth.log'); open(log, 'w').close()
    env = dict(os.environ, JAVA_OPTS=a.opts)
    cmd = [os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'abuseloop'), 'watch', '--log', log, '--service', 'sshd', '--firewall', a.fw, '--table', 'wsburst', '--state', os.path.join(d, 'state')]
    if a.fw == 'nftables':
        cmd = ['ip', 'netns', 'exec', 'wsburst'] + cmd
    t_start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=open(os.path.join(d, 'err.txt'), 'w'), env=env)
    for l in p.stdout:
        if l.startswith(b'watching'): break
    t_ready = time.monotonic()
    time.sleep(1.0)
    stamp = time.strftime('%b %e %H:%M:%S')
    def burst(base):
        addrs = [f"{base}.{i >> 8 & 255}.{i & 255}.1" for i in range(a.n)]
        data = lines(addrs, a.failures, stamp)
        c0 = cpu(p.pid); th0 = threads(p.pid)
        fd = os.open(log, os.O_WRONLY | os.O_APPEND); os.write(fd, data); t0 = time.monotonic(); os.close(fd)
        first = None; count = 0
        for l in p.stdout:
            if l.startswith(b'ban '):
                count += 1
                if first is None: first = time.monotonic() - t0
                if count == a.n: break
        last = time.monotonic() - t0
        time.sleep(0.5)
        c1 = cpu(p.pid); th1 = threads(p.pid)
        if os.environ.get('HEAPINFO'): print(subprocess.run(['jcmd', str(p.pid), 'GC.heap_info'], capture_output=True, text=True).stdout, flush=True)
        diff = {k: th1[k] - th0.get(k, 0) for k in th1 if th1[k] - th0.get(k, 0) >= 20}
        print('   threads:', ' '.join(f"{k}={v:.0f}" for k, v in sorted(diff.items(), key=lambda x: -x[1])), flush=True)
        return first, last, c1 - c0
    f, l, c = burst('11')
    res = f"run {run}: start->watching {t_ready - t_start:.2f}s  first {f*1000:.0f} ms  last {l*1000:.0f} ms  cpu {c:.0f} ms"
    if a.second:
        time.sleep(1)
        f, l, c = burst('12')
        res += f"  | second: first {f*1000:.0f} last {l*1000:.0f} cpu {c:.0f}"
    print(res, '| load', open('/proc/loadavg').read().split()[0], flush=True)
    p.terminate(); p.wait()
    if not os.environ.get('KEEP'):
        shutil.rmtree(d, ignore_errors=True)  # KEEP=1 keeps the log, state and stderr (err.txt)
