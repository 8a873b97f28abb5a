#!/usr/bin/env bash
# Runs the benchmark suite: ./run-bench.sh [PROFILE] [options] [-- extra JMH options]
# (./run-bench.sh --help lists profiles and options). Finds a JDK 21+, builds
# target/benchmarks.jar when it is missing or older than the sources, then starts the runner.
# BENCH_JDK_DIRS=dir1:dir2 searches those folders of JDK homes instead of the standard places.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$repo/target/benchmarks.jar"

# The major version of the java in JDK home $1, or nothing if it does not run.
java_major() {
    local version
    version="$("$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)" || return 0
    echo "${version#1.}"
}

find_jdk() {
    local candidates=() home major
    [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
    shopt -s nullglob
    if [[ -n "${BENCH_JDK_DIRS:-}" ]]; then
        # colon-separated folders of JDK homes, instead of the standard places
        local dir
        IFS=: read -r -a dirs <<< "$BENCH_JDK_DIRS"
        for dir in "${dirs[@]}"; do candidates+=("$dir"/*); done
    else
        candidates+=(/usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home)
    fi
    shopt -u nullglob
    for home in "${candidates[@]}"; do
        [[ -x "$home/bin/java" ]] || continue
        major="$(java_major "$home")"
        if [[ "$major" =~ ^[0-9]+$ ]] && (( major >= 21 )); then
            echo "$home"
            return 0
        fi
    done
    return 1
}

if ! jdk="$(find_jdk)"; then
    echo "run-bench.sh: no JDK 21 or newer found (looked at JAVA_HOME, ${BENCH_JDK_DIRS:-/usr/lib/jvm, /opt/java, ~/.sdkman, /Library/Java}); install one or set JAVA_HOME" >&2
    exit 1
fi
echo "run-bench.sh: using Java $(java_major "$jdk") at $jdk" >&2

if [[ ! -f "$jar" || -n "$(find "$repo/pom.xml" "$repo/src/main" "$repo/python/original_loader" -newer "$jar" -print -quit)" ]]; then
    if ! command -v mvn >/dev/null 2>&1; then
        echo "run-bench.sh: $jar is missing or out of date and Maven (mvn) is not on PATH to build it" >&2
        exit 1
    fi
    echo "run-bench.sh: building $jar" >&2
    (cd "$repo" && JAVA_HOME="$jdk" mvn -B -q -DskipTests package)
fi

exec "$jdk/bin/java" -Xmx1g \
    -Dbench.repoDir="$repo" -Dbench.resultsDir="$repo/results" -Dbench.launcher="./run-bench.sh" \
    -cp "$jar" dev.pginsertbench.run.BenchmarkRunner "$@"
