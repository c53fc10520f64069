#!/usr/bin/env python3
# Two `ideaboard-stress bench --json` reports (an older build's, then today's) side by side,
# as the markdown table BENCHMARKS.md keeps: each row's p50 and p99 and today ÷ then.
#   python3 scripts/bench-compare.py old.json new.json
import json,sys
old=json.load(open(sys.argv[1])); new=json.load(open(sys.argv[2]))
# Rows are matched by their name up to the first ";" (what follows is measured: sizes, RSS).
def key(name): return name.split(";")[0].strip()
def rows(d): return {key(r["operation"]):r for r in d["rows"]}
o=rows(old); n=rows(new)
print("| operation | 11-30 build p50 / p99 (ms) | today p50 / p99 (ms) | p50 today ÷ then | p99 today ÷ then | target met |")
print("|---|---|---|---|---|---|")
worst=[]
for name,r in n.items():
    s=r["stats"]
    if not s: 
        print(f"| {name} | | {r.get('note') or ''} | | | |"); continue
    if name in o and o[name]["stats"]:
        t=o[name]["stats"]
        r50=s["p50_ms"]/t["p50_ms"] if t["p50_ms"] else float('nan')
        r99=s["p99_ms"]/t["p99_ms"] if t["p99_ms"] else float('nan')
        worst.append((r50,name))
        print(f"| {r['operation']} | {t['p50_ms']:.3g} / {t['p99_ms']:.3g} | {s['p50_ms']:.3g} / {s['p99_ms']:.3g} | {r50:.2f} | {r99:.2f} | {r['met']} |")
    else:
        print(f"| {name} | (new row) | {s['p50_ms']:.3g} / {s['p99_ms']:.3g} | | | {r['met']} |")
for name in o:
    if name not in n: print(f"| {name} | (row gone) | | | | |")
worst.sort(reverse=True)
print("\nslowest ratios p50:", [(round(a,2),b) for a,b in worst[:8]], file=sys.stderr)
