#!/usr/bin/env bash
# Real engines for development and CI, on loopback ports (docs/development.md):
#   infra/dev/services.sh start   fetch (once, from Maven Central, cached outside the repository),
#                                 start a single-node Apache Kafka (KRaft) and an OpenSearch node,
#                                 return once both answer, print KAFKA_BOOTSTRAP=, KAFKA_SASL_BOOTSTRAP=
#                                 and OPENSEARCH_URL= lines (also written to $RUN_DIR/env)
#   infra/dev/services.sh stop    stop what `start` started and delete its data
# Versions: infra/dev/versions.env. Cache: $CRIMEFEED_CACHE (default ~/.cache/crimefeed).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=versions.env
. "$HERE/versions.env"
CACHE=${CRIMEFEED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/crimefeed}
RUN_DIR=${CRIMEFEED_SERVICES_DIR:-$CACHE/run}
KAFKA_HOME=$CACHE/kafka-$KAFKA_VERSION
OPENSEARCH_HOME=$CACHE/opensearch-$OPENSEARCH_VERSION
# Both engines share a 2-core machine with the test suite: serial GC, modest heaps (the suite
# creates thousands of partitions on Kafka: 512 MB ran out after a few runs).
HEAP=${CRIMEFEED_SERVICES_HEAP:-1g}
JAVA_OPTS_COMMON=(-Xms256m "-Xmx$HEAP" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss1m)
START_TIMEOUT=${CRIMEFEED_SERVICES_TIMEOUT:-180}

say() { echo "services.sh: $*" >&2; }
die() { say "$*"; exit 1; }

# Maven copies an engine's runtime classpath into $2/lib; the move makes a half-done fetch invisible.
fetch() { # name home pom property version
    local name=$1 home=$2 pom=$3 property=$4 version=$5
    [ -f "$home/lib/.complete" ] && return 0
    command -v mvn >/dev/null || die "Maven (mvn) is not installed: it is needed to fetch $name $version"
    say "fetching $name $version from Maven Central into $home (once)"
    mkdir -p "$home"
    local log=$home/fetch.log
    rm -rf "$home/lib.partial"
    if ! mvn -B -q -f "$HERE/$pom" "-D$property=$version" dependency:copy-dependencies \
        -DincludeScope=runtime "-DoutputDirectory=$home/lib.partial" >"$log" 2>&1; then
        tail -n 20 "$log" >&2
        die "could not fetch $name $version from Maven Central (is it reachable from this machine?); full log: $log"
    fi
    touch "$home/lib.partial/.complete"
    rm -rf "$home/lib" && mv "$home/lib.partial" "$home/lib"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_until() { # what command...
    local what=$1 deadline=$((SECONDS + START_TIMEOUT))
    shift
    until "$@"; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.5
    done
    say "$what answers after $SECONDS s"
}

kafka_ready() {
    alive "$RUN_DIR/kafka.pid" || die "Kafka exited while starting; log: $RUN_DIR/kafka/logs/server.log"
    grep -q 'Kafka Server started' "$RUN_DIR/kafka/logs/server.log" 2>/dev/null
}

opensearch_ready() {
    alive "$RUN_DIR/opensearch.pid" || die "OpenSearch exited while starting; log: $RUN_DIR/opensearch/stdout.log"
    curl -fsS -o /dev/null "http://127.0.0.1:$OS_HTTP/_cluster/health?wait_for_status=yellow&timeout=1s" 2>/dev/null
}

start_kafka() {
    local dir=$RUN_DIR/kafka
    mkdir -p "$dir/data" "$dir/logs"
    cat >"$dir/log4j2.properties" <<EOF
status = error
appender.file.type = File
appender.file.name = file
appender.file.fileName = $dir/logs/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = file
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.state.name = state.change.logger
logger.state.level = WARN
EOF
    cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PLAIN,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SASL,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PLAIN,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SASL
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
# The loopback PLAINTEXT and controller listeners act as administrator; ACLs are enforced for
# the SCRAM users on the SASL_PLAINTEXT listener.
super.users=User:ANONYMOUS
allow.everyone.if.no.acl.found=false
log.dirs=$dir/data
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# Tests use short consumer session timeouts to notice a killed consumer quickly.
group.min.session.timeout.ms=500
num.network.threads=2
num.io.threads=2
background.threads=2
log.cleaner.threads=1
EOF
    local cluster_id classpath=$KAFKA_HOME/lib/*
    # 16 random bytes, base64url without padding, as `kafka-storage random-uuid` makes them; one
    # that starts with "-" would be read as an option.
    cluster_id=$(python3 -c '
import base64, uuid
while (cid := base64.urlsafe_b64encode(uuid.uuid4().bytes).rstrip(b"=").decode()).startswith("-"):
    pass
print(cid)')
    java "${JAVA_OPTS_COMMON[@]}" -Dlog4j2.configurationFile="$dir/log4j2.properties" \
        -Dkafka.logs.dir="$dir/logs" -cp "$classpath" kafka.tools.StorageTool format \
        -t "$cluster_id" -c "$dir/server.properties" >"$dir/logs/format.log" 2>&1 \
        || die "Kafka storage format failed; log: $dir/logs/format.log"
    nohup java "${JAVA_OPTS_COMMON[@]}" -Djava.awt.headless=true \
        -Dlog4j2.configurationFile="$dir/log4j2.properties" -Dkafka.logs.dir="$dir/logs" \
        -cp "$classpath" kafka.Kafka "$dir/server.properties" >"$dir/logs/stdout.log" 2>&1 &
    echo $! >"$RUN_DIR/kafka.pid"
}

compile_launcher() {
    local classes=$OPENSEARCH_HOME/classes
    if [ ! -f "$classes/OpenSearchNode.class" ] || [ "$HERE/OpenSearchNode.java" -nt "$classes/OpenSearchNode.class" ]; then
        mkdir -p "$classes"
        javac -nowarn -d "$classes" -cp "$OPENSEARCH_HOME/lib/*" "$HERE/OpenSearchNode.java" \
            || die "could not compile infra/dev/OpenSearchNode.java"
    fi
}

start_opensearch() {
    local dir=$RUN_DIR/opensearch
    mkdir -p "$dir/config" "$dir/data" "$dir/logs"
    cat >"$dir/config/log4j2.properties" <<'EOF'
status = error
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] %m%n
rootLogger.level = info
rootLogger.appenderRef.console.ref = console
logger.deprecation.name = org.opensearch.deprecation
logger.deprecation.level = error
EOF
    : >"$dir/config/opensearch.yml"
    # jvm.options is not read when a node is embedded: these are the distribution's essentials.
    nohup java "${JAVA_OPTS_COMMON[@]}" -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
        -Djava.locale.providers=SPI,COMPAT -Dlog4j2.formatMsgNoLookups=true -Dlog4j.shutdownHookEnabled=false \
        -Dlog4j2.disable.jmx=true -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
        -Dio.netty.recycler.maxCapacityPerThread=0 -Dio.netty.allocator.numDirectArenas=0 \
        -Dopensearch.networkaddress.cache.ttl=60 -XX:MaxDirectMemorySize=256m \
        -cp "$OPENSEARCH_HOME/classes:$OPENSEARCH_HOME/lib/*" OpenSearchNode "$dir" "$OS_HTTP" "$OS_TRANSPORT" \
        >"$dir/stdout.log" 2>&1 &
    echo $! >"$RUN_DIR/opensearch.pid"
}

stop_one() { # name pidfile
    local pidfile=$2 pid
    alive "$pidfile" || { rm -f "$pidfile"; return 0; }
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
        say "$1 did not stop within 30 s; killing it"
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
}

cmd_stop() {
    stop_one Kafka "$RUN_DIR/kafka.pid"
    stop_one OpenSearch "$RUN_DIR/opensearch.pid"
    rm -rf "$RUN_DIR"
}

cmd_start() {
    if alive "$RUN_DIR/kafka.pid" && alive "$RUN_DIR/opensearch.pid" && [ -f "$RUN_DIR/env" ]; then
        say "already running (stop with: $0 stop)"
        cat "$RUN_DIR/env"
        return 0
    fi
    command -v java >/dev/null || die "java (17 or newer) is not installed"
    cmd_stop
    # Whatever fails from here on (die exits), nothing started is left running.
    trap 'cmd_stop' EXIT
    fetch "Apache Kafka" "$KAFKA_HOME" kafka.pom.xml kafka.version "$KAFKA_VERSION"
    fetch OpenSearch "$OPENSEARCH_HOME" opensearch.pom.xml opensearch.version "$OPENSEARCH_VERSION"
    compile_launcher
    mkdir -p "$RUN_DIR"
    KAFKA_PLAIN=$(free_port) KAFKA_SASL=$(free_port) KAFKA_CONTROLLER=$(free_port)
    OS_HTTP=$(free_port) OS_TRANSPORT=$(free_port)
    SECONDS=0
    start_opensearch
    start_kafka
    wait_until "Apache Kafka $KAFKA_VERSION" kafka_ready || die "Kafka did not start within $START_TIMEOUT s"
    wait_until "OpenSearch $OPENSEARCH_VERSION" opensearch_ready \
        || die "OpenSearch did not start within $START_TIMEOUT s"
    cat >"$RUN_DIR/env" <<EOF
KAFKA_BOOTSTRAP=127.0.0.1:$KAFKA_PLAIN
KAFKA_SASL_BOOTSTRAP=127.0.0.1:$KAFKA_SASL
OPENSEARCH_URL=http://127.0.0.1:$OS_HTTP
EOF
    cat "$RUN_DIR/env"
    trap - EXIT
}

case ${1:-} in
    start) cmd_start ;;
    stop) cmd_stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
