# kevy for the JVM: the front door.
#
#   make run       build if needed, start the server on 127.0.0.1:6379 (from the AOT cache that
#                  make build trains in about 5 s: first reply in about 0.5 s instead of 0.75 s)
#   make example   an example service: make example NAME=line|http|kv-binary|proxy ARGS="--port 8080"
#   make test      unit, integration and ABI tests, plus the quick jcstress subset
#   make stress    every jcstress test in a thorough mode
#   make bench     the JMH suite (quick profile; BENCH_PROFILE=thorough for the long one;
#                  BENCH='<regexp>' picks benchmarks, BENCH_ARGS='<JMH flags>' adds flags)
#   make compare   side-by-side latency and throughput against Redis (and a Netty baseline), then
#                  lists, sorted sets and PUBLISH fan-out against Redis (COMPARE_COLLECTIONS=0 skips),
#                  then RDB snapshots of 1M keys: save, load, stall (COMPARE_SNAPSHOTS=0 skips),
#                  then the append-only log: throughput per appendfsync, and CONFIG SET appendonly
#                  yes on 1M keys (COMPARE_AOF=0 skips both)
#   make compare-reliability  atomic-command fairness, expiry under load, mass expiry, beside Redis
#   make compare-memory       resident memory in issue 10's probes, beside Redis
#   make compare-http         the http example beside a Netty HTTP/1.1 server, under wrk
#   make compare-proxy        the proxy example's throughput beside Redis itself
#   make compare-startup      time to the first reply and idle resident memory, beside Redis
#   make bench-load the open-loop load generator: make bench-load ARGS="--port 6379 --rate 20000"
#   make bindings  regenerate the FFM bindings with the pinned jextract
#   make clean     remove build output
#
# Every target finds a JDK 25+ by itself: JAVA_HOME when it is 25 or newer, else the usual
# JVM folders. Override with `make JAVA_HOME=/path/to/jdk ...`.

SHELL := /bin/bash
.DEFAULT_GOAL := help
# No built-in implicit rules: make would look for one for each of the ~300 source files the jar
# depends on, which doubled the time make itself takes before `make run` starts the server.
MAKEFLAGS += --no-builtin-rules

JDK := $(shell ./scripts/find-jdk.sh 2>/dev/null)
ifeq ($(JDK),)
  $(error No JDK 25 or newer found: install one (for example Temurin 25) or point JAVA_HOME at it)
endif
JAVA := $(JDK)/bin/java

# Maven runs on the JDK we found. Maven 3.8's bundled Guava touches sun.misc.Unsafe, which JDK 24+
# warns about on every run; allowing it keeps the build output clean (it concerns Maven only).
MVN := JAVA_HOME=$(JDK) MAVEN_OPTS="$(MAVEN_OPTS) --sun-misc-unsafe-memory-access=allow" \
       mvn -B --no-transfer-progress -Dstyle.color=never $(MVN_ARGS)

SERVER_LIB := server/target/lib
SERVER_JAR := server/target/kevy-server-0.1.0-SNAPSHOT.jar
EXAMPLES_JAR := examples/target/kevy-examples-0.1.0-SNAPSHOT.jar
AOT_CACHE := server/target/kevy.aot
SOURCES := $(shell find native-bindings runtime-core runtime-io server -path '*/target' -prune -o \
             \( -name '*.java' -o -name pom.xml \) -print 2>/dev/null) pom.xml

# jcstress modes: quick for `make test` (CI), tough for `make stress`. Each two-actor test takes
# about 30-45 s in quick mode on a 2-core machine.
STRESS_QUICK_TESTS ?= dev.kevy.stress.(ring|park|freeze|task|log)
STRESS_MODE ?= tough
BENCH_PROFILE ?= quick

.PHONY: help run example test stress bench compare compare-reliability compare-memory compare-http compare-proxy \
        compare-startup bench-load bindings clean jdk build FORCE

help:
	@sed -n '3,18p' Makefile | sed 's/^# *//'

jdk:
	@echo "$(JDK)"

$(SERVER_JAR): $(SOURCES)
	$(MVN) -q install -DskipTests -pl server -am
	@touch $(SERVER_JAR)

# The AOT cache scripts/run-server.sh starts from (JEP 483/514): a training run of about 5 s,
# remade when the jars, the JVM flags or the training change, or another JDK is chosen
# (aot-train.sh writes which java it is for into $(AOT_CACHE).java). `make test` does not need it. When it cannot be made, aot-train.sh says
# why in one line and an empty file records the failure for these jars and this JDK, so make run
# starts without a cache instead of training again every time.
ifneq ($(shell cat $(AOT_CACHE).java 2>/dev/null),$(realpath $(JAVA)))
  AOT_OTHER_JDK := FORCE
endif
$(AOT_CACHE): $(SERVER_JAR) $(wildcard $(SERVER_LIB)/*.jar) $(JDK)/lib/modules scripts/run-server.sh \
              scripts/aot-train.sh $(AOT_OTHER_JDK)
	@echo "Training the AOT cache ($@)"
	@./scripts/aot-train.sh "$(JAVA)" $@ || touch $@

FORCE:

build: $(SERVER_JAR) $(AOT_CACHE)

run: $(SERVER_JAR) $(AOT_CACHE)
	@./scripts/run-server.sh "$(JAVA)" $(ARGS)

$(EXAMPLES_JAR): $(SOURCES) $(shell find examples -path '*/target' -prune -o -name '*.java' -print -o -name pom.xml -print)
	$(MVN) -q install -DskipTests -pl examples -am
	@touch $(EXAMPLES_JAR)

example: $(EXAMPLES_JAR)
	@./scripts/run-example.sh "$(JAVA)" "$(NAME)" $(ARGS)

# Every suite that runs shards runs twice, on epoll and on io_uring; where io_uring is refused here
# the second run is skipped and the reason printed.
test:
	@if why=$$(./scripts/io-uring-check.sh 2>&1); then skip=false; \
	else skip=true; echo "make test: the io_uring runs of the test suites are skipped: $$why"; fi; \
	$(MVN) install -Dkevy.test.io_uring.unavailable=$$skip
	./scripts/stress.sh "$(JAVA)" quick '$(STRESS_QUICK_TESTS)'

# The thorough run: every jcstress test, the 100M-record ring test again, and the RESP and HTTP fuzzers
# with millions of inputs.
stress:
	$(MVN) -q install -DskipTests -pl stress-tests -am
	./scripts/stress.sh "$(JAVA)" $(STRESS_MODE) 'dev.kevy.stress'
	$(MVN) -q -pl runtime-core,runtime-io -am test \
	  -Dtest='SpscRingTwoThreadTest,RespFuzzTest,HttpFuzzTest' -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dkevy.test.jvm.args='-Dkevy.test.ringRecords=100000000 -Dkevy.fuzz.iterations=200000'
	$(MVN) -q -pl server -am test -Dtest='AppendLogCrashTest' -Dsurefire.failIfNoSpecifiedTests=false \
	  -Dkevy.test.jvm.args='-Dkevy.crash.rounds=20'

bench:
	$(MVN) -q install -DskipTests -pl bench -am
	./scripts/bench.sh "$(JAVA)" $(BENCH_PROFILE) $(if $(BENCH),'$(BENCH)') $(BENCH_ARGS)

compare:
	$(MVN) -q install -DskipTests
	./scripts/compare.sh "$(JAVA)"
	@if [ "$${COMPARE_COLLECTIONS:-1}" != 0 ]; then ./scripts/collections-compare.sh "$(JAVA)"; fi
	@if [ "$${COMPARE_SNAPSHOTS:-1}" != 0 ]; then ./scripts/snapshot-compare.sh "$(JAVA)"; fi
	@if [ "$${COMPARE_AOF:-1}" != 0 ]; then ./scripts/aof-compare.sh "$(JAVA)"; fi
	@if [ "$${COMPARE_AOF:-1}" != 0 ]; then ./scripts/aof-turnon-compare.sh "$(JAVA)"; fi

compare-reliability: build
	$(MVN) -q install -DskipTests
	./scripts/reliability-compare.sh "$(JAVA)"

compare-memory: build
	./scripts/memory-compare.sh "$(JAVA)"

compare-http:
	$(MVN) -q install -DskipTests
	./scripts/http-compare.sh "$(JAVA)"

compare-proxy: $(EXAMPLES_JAR)
	./scripts/proxy-compare.sh "$(JAVA)"

compare-startup: build
	./scripts/startup-footprint.sh "$(JAVA)"

bench-load:
	$(MVN) -q install -DskipTests -pl bench -am
	./scripts/bench-load.sh "$(JAVA)" $(ARGS)

bindings:
	./native-bindings/jextract/regenerate.sh

clean:
	$(MVN) -q clean
