"""Print benchmark results as ratios against plain Plone, with the targets."""

TARGETS = {
    "intake_ratio": 0.8,
    "register_p95_ms": 300,
    "report_seconds": 5,
    "hook_p95_ms": 200,
}


def _verdict(ok):
    """Return the words for a met or missed target."""
    return "meets target" if ok else "MISSES target"


def print_results(results):
    """Print each measurement beside its plain Plone twin and the target."""
    machine = results["machine"]
    print()
    print(f"Machine: {machine['cpu']}, {machine['cores']} cores, "
          f"{machine['memory_gb']} GB, Python {machine['python']}")
    intake = results["intake"]
    print(
        f"E-mail intake: {intake['emails_per_second']}/s vs plain Document "
        f"{intake['documents_per_second']}/s = {intake['ratio']}x "
        f"({_verdict(intake['ratio'] >= TARGETS['intake_ratio'])} "
        f"{TARGETS['intake_ratio']}x)"
    )

    form = results["web_form"]
    if "error" in form:
        print(f"Web form: not measured, {form['error']}")
    else:
        podnet, plain = form["podnet_form"], form["plain_form"]
        print(
            f"Web form: {podnet['per_second']}/s p95 {podnet['p95_ms']} ms vs plain "
            f"EasyForm mail {plain['per_second']}/s p95 {plain['p95_ms']} ms = "
            f"{podnet['per_second'] / plain['per_second']:.2f}x rate"
        )

    hook = results["pbx_answer"]
    if "error" in hook:
        print(f"PBX answer hook: not measured, {hook['error']}")
    else:
        burst, sustained = hook["burst"], hook["sustained"]
        print(
            f"PBX answer hook, {burst['size']} calls answered at once "
            f"({burst['rounds']} rounds): p50 {burst['p50_ms']} ms, "
            f"p95 {burst['p95_ms']} ms "
            f"({_verdict(burst['p95_ms'] < TARGETS['hook_p95_ms'])} "
            f"{TARGETS['hook_p95_ms']} ms)"
        )
        print(
            f"PBX hook under sustained overload ({sustained['clients']} PBX clients "
            f"posting newCall and answer back to back): "
            f"{sustained['calls_per_second']} calls/s, answer p50 "
            f"{sustained['p50_ms']} ms, p95 {sustained['p95_ms']} ms"
        )
    print()
    print(f"{'podněty':>8} {'page':>9} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'plain p50':>10} {'plain p95':>10} {'ratio p95':>10} "
          f"{'first ms':>9}")
    for size, data in results["sizes"].items():
        if "error" in data["pages"]:
            print(f"{size:>8} not measured: {data['pages']['error']}")
            continue
        for shape, pair in data["pages"].items():
            register, plain = pair["register"], pair["plain"]
            ratio = register["p95_ms"] / plain["p95_ms"]
            print(f"{size:>8} {shape:>9} {register['p50_ms']:>8} "
                  f"{register['p95_ms']:>8} {plain['p50_ms']:>10} "
                  f"{plain['p95_ms']:>10} {ratio:>9.2f}x "
                  f"{pair.get('register_first_ms', '-'):>9}")
    print()
    for size, data in results["sizes"].items():
        reports = ", ".join(
            f"{name} {value['seconds']} s, first run {value['cold_seconds']} s "
            f"({value['podnety']} podněty)"
            for name, value in data["reports"].items()
        )
        seeded = data["seed"].get("per_second")
        seeding = f", seeded at {seeded}/s" if seeded else ""
        print(f"{size} podněty: resident memory {data['resident_mb']} MB, "
              f"monthly reports: {reports}{seeding}")

    largest = list(results["sizes"].values())[-1]
    if "error" in largest["pages"]:
        return
    worst_page = max(pair["register"]["p95_ms"] for pair in largest["pages"].values())
    worst_report = max(
        (value["seconds"] for value in largest["reports"].values()), default=0
    )
    print(
        f"At the largest size: register p95 {worst_page} ms "
        f"({_verdict(worst_page < TARGETS['register_p95_ms'])} "
        f"{TARGETS['register_p95_ms']} ms), slowest monthly report {worst_report} s "
        f"({_verdict(worst_report < TARGETS['report_seconds'])} "
        f"{TARGETS['report_seconds']} s)"
    )
    print(f"Total run time {results['total_seconds']} s")
