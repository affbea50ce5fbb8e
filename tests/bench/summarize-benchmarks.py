#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
# SPDX-License-Identifier: Apache-2.0
"""Turns the raw benchmark lines (one JSON per run) into the Markdown table and JSON of docs/benchmarks.md.

Usage: summarize-benchmarks.py RAW.jsonl OUT.json   (machine facts come from BENCH_* variables)
Exit status 1 when a scenario could not run.
"""
import json
import math
import os
import statistics
import sys


def load_raw(path):
    runs = {}
    with open(path, encoding="utf-8") as raw:
        for line in raw:
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                record = {"tag": "unparsable", "exit": 1, "result": {"error": str(error)}}
            runs.setdefault(record["tag"], []).append(record)
    return runs


def spread(values):
    values = [v for v in values if isinstance(v, (int, float)) and math.isfinite(v)]
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values)}


def dig(result, path):
    value = result
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


class Table:
    def __init__(self):
        self.rows = []
        self.errors = []

    def add(self, scenario, label, runs, measured_path, unit, target, better, target_text,
            reference_path=None, reference_label="", ratio_path=None, extra=None):
        ok_runs = [r for r in runs if r["exit"] == 0 and "error" not in r["result"]]
        failed = [r["result"].get("error", "exit %d" % r["exit"]) for r in runs if r not in ok_runs]
        row = {"scenario": scenario, "label": label, "unit": unit, "target": target, "targetText": target_text,
               "runsFailed": len(failed)}
        if failed:
            row["errors"] = failed
            self.errors.append("%s %s: %s" % (scenario, label, "; ".join(str(f) for f in failed)))
        row["measured"] = spread([dig(r["result"], measured_path) for r in ok_runs])
        if reference_path:
            row["reference"] = spread([dig(r["result"], reference_path) for r in ok_runs])
            row["referenceLabel"] = reference_label
        if ratio_path:
            row["ratio"] = spread([dig(r["result"], ratio_path) for r in ok_runs])
        if extra:
            for name, path in extra.items():
                row[name] = spread([dig(r["result"], path) for r in ok_runs])
        judged = row.get("ratio") if ratio_path else row["measured"]
        if judged is None or target is None:
            row["verdict"] = "error" if failed or judged is None else "n/a"
        elif better == "lower":
            row["verdict"] = "pass" if judged["median"] <= target else "miss"
        else:
            row["verdict"] = "pass" if judged["median"] >= target else "miss"
        self.rows.append(row)
        return row


def fmt(figure, unit=""):
    if figure is None:
        return "—"
    def number(v):
        if abs(v) >= 100:
            return "%.0f" % v
        if abs(v) >= 10:
            return "%.1f" % v
        return "%.2f" % v
    text = number(figure["median"]) + (" " + unit if unit else "")
    if figure["runs"] > 1:
        text += " (%s–%s)" % (number(figure["min"]), number(figure["max"]))
    return text


def main():
    raw_path, json_path = sys.argv[1], sys.argv[2]
    runs = load_raw(raw_path)
    env = os.environ
    quick = env.get("BENCH_QUICK") == "1"
    only = env.get("BENCH_ONLY", "P1,P2,P3,P4,P5,P6,P7,P8,P9,P10").split(",")
    table = Table()

    load_sizes = env.get("BENCH_LOAD_SIZES", "").split()
    for size in load_sizes:
        for latency in ("0", "30"):
            tag = "load-%s-%s" % (size, latency)
            if "P1" in only or "P2" in only:
                if "P1" in only:
                    table.add("P1", "full load %s mailboxes, %s ms latency (client into model)" % (size, latency),
                              runs.get(tag, []), "clientMs", "ms", 1.3, "lower", "≤ 1.3 × floor",
                              "floorMs", "floor: bare page loop", "ratio")
    for size in load_sizes:
        if "P2" in only:
            for latency in ("0", "30"):
                table.add("P2", "resident memory per mailbox after loading %s (%s ms latency run)" % (size, latency),
                          runs.get("load-%s-%s" % (size, latency), []), "bytesPerMailbox", "B", 300, "lower",
                          "≤ 300 B", extra={"afterMallocTrim": "bytesPerMailboxAfterTrim"})

    if "P3" in only:
        for size in env.get("BENCH_SEARCH_SIZES", "").split():
            target = 20 if int(size) <= 100000 else 100
            tag = "search-%s" % size
            table.add("P3", "search keystroke p99, %s mailboxes" % size, runs.get(tag, []), "keystrokeMs.p99", "ms",
                      target, "lower", "p99 ≤ %d ms" % target, extra={"median": "keystrokeMs.median"})
            table.add("P3", "clear search box p99, %s mailboxes" % size, runs.get(tag, []), "clearMs.p99", "ms",
                      target, "lower", "p99 ≤ %d ms" % target, extra={"median": "clearMs.median"})
            table.add("P3", "filter toggle p99, %s mailboxes" % size, runs.get(tag, []), "toggleMs.p99", "ms",
                      target, "lower", "p99 ≤ %d ms" % target, extra={"median": "toggleMs.median"})

    if "P4" in only:
        changes = env.get("BENCH_CHANGES", "10000")
        tag = "apply-%s" % changes
        table.add("P4", "apply %s changes (limit 3, 20 ms, 2 %% 429) vs (a) ceiling" % changes, runs.get(tag, []),
                  "applyMs", "ms", 0.8, "higher", "≥ 0.8 × ceiling", "ceilingMs",
                  "(a) emulator ceiling, measured: a bare loop keeping 3 $batch of 10 Sets in flight", "ratioToCeiling",
                  extra={"formulaCeilingMs": "formulaCeilingMs", "ratioToFormulaCeiling": "ratioToFormulaCeiling",
                         "throttledLoopMs": "throttledLoopMs", "ratioToThrottledLoop": "ratioToThrottledLoop",
                         "firstWritesAtMs": "firstWritesAtMs", "allWritesHandedAtMs": "allWritesHandedAtMs",
                         "lastBackoffEndsAtMs": "lastBackoffEndsAtMs", "retriesScheduled": "retriesScheduled"})
        table.add("P4", "apply %s changes vs (b) one request per mailbox, one at a time (sample %s, extrapolated)"
                  % (changes, env.get("BENCH_LOOP_SAMPLE", "?")), runs.get(tag, []), "applyMs", "ms", 20, "higher",
                  "≥ 20 × loop", "loopExtrapolatedMs", "(b) per-mailbox loop", "speedupOverLoop")
        table.add("P4", "lost changes (journal vs emulator truth)", runs.get(tag, []), "lost", "", 0, "lower", "0")

    if "P5" in only:
        size = env.get("BENCH_WINDOW_SIZE", "100000")
        table.add("P5", "cold start to first populated frame, %s cached mailboxes" % size,
                  runs.get("coldstart-%s" % size, []), "sinceProcessStartMs", "ms", 1000, "lower", "≤ 1000 ms",
                  extra={"snapshotLoadMs": "snapshotLoadMs", "replaceAllMs": "replaceAllMs",
                         "windowConstructMs": "windowConstructMs", "showToFrameMs": "showToFrameMs"})
    if "P6" in only:
        size = env.get("BENCH_WINDOW_SIZE", "100000")
        table.add("P6", "longest UI-thread stall while %s load into the window (and are cached)" % size,
                  runs.get("stall-%s" % size, []), "longestStallMs", "ms", 50, "lower", "≤ 50 ms",
                  extra={"loadMs": "loadMs", "snapshotWriteMs": "snapshotWriteMs", "gapsOver50ms": "gapsOver50ms",
                         "gapP99Ms": "gapMs.p99"})

    if "P7" in only:
        size = env.get("BENCH_READINESS_SIZE", "100000")
        members = env.get("BENCH_GROUP_MEMBERS", "20000")
        tag = "readiness-%s" % size
        table.add("P7", "readiness chain, %s mailboxes (mailboxes + Get-User pages + policies, security defaults, "
                  "CA policies, two groups of %s members), into the model with its columns" % (size, members),
                  runs.get(tag, []), "clientMs", "ms", 1.3, "lower", "≤ 1.3 × floor", "floorMs",
                  "floor: the same requests, bare loops", "ratio",
                  extra={"floorRequests": "floorRequests", "users": "users"})
        table.add("P7", "memory the readiness layers add per mailbox (directory heap + verdict byte), %s" % size,
                  runs.get(tag, []), "directoryBytesPerMailbox", "B", 80, "lower", "≤ 80 B",
                  extra={"chainRssBytesPerMailbox": "chainRssBytesPerMailbox"})

    if "P8" in only:
        size = env.get("BENCH_USAGE_SIZE", "100000")
        records = env.get("BENCH_SIGN_IN_RECORDS", "1000000")
        tag = "usage-%s-%s" % (size, records)
        table.add("P8", "usage evidence, %s mailboxes, %s sign-in records (usage report + every sign-in page, "
                  "aggregated) and ReadinessReport::build" % (size, records),
                  runs.get(tag, []), "clientMs", "ms", 1.3, "lower", "≤ 1.3 × floor", "floorMs",
                  "floor: the same requests, bare loops", "ratio",
                  extra={"floorRequests": "floorRequests", "clientCpuMs": "clientCpuMs", "floorCpuMs": "floorCpuMs"})
        table.add("P8", "peak resident memory of the sign-ins above the mailbox list (%s records)" % records,
                  runs.get(tag, []), "signInPeakRssAboveListMiB", "MiB", 64, "lower", "≤ 64 MiB",
                  extra={"signInAggregateBytes": "signInAggregateBytes"})

    if "P9" in only:
        size = env.get("BENCH_READINESS_TABLE_SIZE", "100000")
        tag = "readinesstable-%s" % size
        table.add("P9", "Readiness tab search keystroke p99, %s rows" % size, runs.get(tag, []), "keystrokeMs.p99",
                  "ms", 20, "lower", "p99 ≤ 20 ms", extra={"median": "keystrokeMs.median"})
        table.add("P9", "Readiness tab clear search box p99, %s rows" % size, runs.get(tag, []), "clearMs.p99",
                  "ms", 20, "lower", "p99 ≤ 20 ms", extra={"median": "clearMs.median"})
        table.add("P9", "Readiness tab class filter change p99, %s rows" % size, runs.get(tag, []), "toggleMs.p99",
                  "ms", 20, "lower", "p99 ≤ 20 ms", extra={"median": "toggleMs.median"})

    if "P10" in only:
        size = env.get("BENCH_SNAPSHOT_SIZE", "100000")
        tag = "snapshots-%s" % size
        table.add("P10", "diff of two snapshots of %s mailboxes (1 %% changed), p99" % size, runs.get(tag, []),
                  "diffMs.p99", "ms", 200, "lower", "≤ 200 ms", extra={"median": "diffMs.median"})
        table.add("P10", "snapshot history on disk: daily loads of %s mailboxes, 1 %% daily churn, 90-day retention"
                  % size, runs.get(tag, []), "historyMiB", "MiB", 60, "lower", "≤ 60 MB",
                  extra={"days": "days", "kept": "snapshotsKept", "appendMedianMs": "appendMs.median",
                         "readNewestMs": "readNewestMs"})

    machine = {
        "cores": int(env.get("BENCH_CORES", "0") or 0),
        "cpu": env.get("BENCH_CPU", ""),
        "memory": env.get("BENCH_MEMORY", ""),
        "kernel": env.get("BENCH_KERNEL", ""),
        "qt": env.get("BENCH_QT", ""),
        "buildType": env.get("BENCH_BUILD_TYPE", ""),
    }
    document = {"machine": machine, "quick": quick, "runsPerScenario": int(env.get("BENCH_RUNS", "1")),
                "scenarios": table.rows, "errors": table.errors,
                "raw": [r for tag in runs for r in runs[tag]]}
    with open(json_path, "w", encoding="utf-8") as out:
        json.dump(document, out, indent=2, ensure_ascii=False)

    print("## SMTP AUTH Console benchmarks%s" % (" (quick mode: harness check, sizes too small to judge)"
                                                if quick else ""))
    print()
    print("Machine: %d cores, %s, %s RAM, Linux %s; Qt %s; build type %s; %d run(s) per scenario; "
          "figures are median (min–max)." % (machine["cores"], machine["cpu"], machine["memory"], machine["kernel"],
                                            machine["qt"], machine["buildType"], document["runsPerScenario"]))
    print()
    print("| # | Scenario | Measured | Reference (same run) | Ratio | Target | Result |")
    print("|---|---|---|---|---|---|---|")
    for row in table.rows:
        measured = fmt(row["measured"], row["unit"])
        if "median" in row and row.get("median"):
            measured += "; median %s" % fmt(row["median"], row["unit"])
        if row.get("afterMallocTrim"):
            measured += "; after malloc_trim %s" % fmt(row["afterMallocTrim"], row["unit"])
        if row.get("signInAggregateBytes"):
            measured += "; aggregate heap %s" % fmt(row["signInAggregateBytes"], "B")
        if row.get("clientCpuMs"):
            measured += "; CPU client %s, floor %s" % (fmt(row["clientCpuMs"], "ms"), fmt(row.get("floorCpuMs"), "ms"))
        if row.get("chainRssBytesPerMailbox"):
            measured += "; resident growth of the whole chain %s" % fmt(row["chainRssBytesPerMailbox"], row["unit"])
        reference = "—"
        if row.get("reference"):
            reference = "%s: %s" % (row["referenceLabel"], fmt(row["reference"], row["unit"]))
        ratio = fmt(row.get("ratio")) if row.get("ratio") else "—"
        print("| %s | %s | %s | %s | %s | %s | %s |" % (row["scenario"], row["label"], measured, reference, ratio,
                                                      row["targetText"], row["verdict"]))
    details = [r for r in table.rows if r["scenario"] in ("P4", "P5", "P6") and r["measured"]
               and any(r.get(k) for k in ("formulaCeilingMs", "snapshotLoadMs", "loadMs"))]
    for row in details:
        parts = ["%s %s" % (k, fmt(row[k])) for k in ("formulaCeilingMs", "ratioToFormulaCeiling", "throttledLoopMs",
                                                       "ratioToThrottledLoop", "firstWritesAtMs",
                                                       "allWritesHandedAtMs", "lastBackoffEndsAtMs", "retriesScheduled",
                                                       "snapshotLoadMs", "replaceAllMs", "windowConstructMs",
                                                       "showToFrameMs", "loadMs", "snapshotWriteMs", "gapP99Ms",
                                                       "gapsOver50ms")
                 if row.get(k)]
        print()
        print("%s breakdown: %s" % (row["scenario"], ", ".join(parts)))
    if table.errors:
        print()
        print("Errors:")
        for error in table.errors:
            print("* " + error)
    print()
    print("JSON: %s" % json_path)
    return 1 if table.errors else 0


if __name__ == "__main__":
    sys.exit(main())
