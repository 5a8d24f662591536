# streamlab: `make` lists the targets. The two a newcomer needs: `make demo` and `make test`.
.DEFAULT_GOAL := help
SHELL := /bin/bash

MVN ?= mvn
MVN_FLAGS ?= -B -ntp -q
BUILD := target
JAR := $(BUILD)/streamlab.jar
SPARK_STAMP := $(BUILD)/runtime/spark/.resolved
KAFKA_STAMP := $(BUILD)/runtime/kafka/.resolved
FLINK_STAMP := $(BUILD)/runtime/flink/.resolved
FLINK_SOURCES := $(shell find java/flink-reference/src -type f 2>/dev/null) java/flink-reference/pom.xml
CDS := $(BUILD)/streamlab.jsa
# The kit's sources, the exercise skeletons students edit and the reference solutions all go into the jar.
SOURCES := $(shell find java/main java/exercises/main java/solutions/main -type f 2>/dev/null) pom.xml
# The JDK (bin/java-home: JAVA_HOME, macOS's /usr/libexec/java_home -v 17, java on PATH): Maven builds with
# it and every JVM of the kit runs on it; a missing or unsupported one stops the recipe with one line.
WITH_JDK = jdk="$$(bin/java-home)" || exit 1; export JAVA_HOME="$$jdk";
# A class-data archive serves only the JVM build that wrote it: a stamp per JDK makes a new one.
JDK_STAMP := $(BUILD)/jdk/$(or $(shell bin/java-home --id 2>/dev/null | tr -c 'A-Za-z0-9.\n-' _),none)

.PHONY: FORCE help jdk build test labs-test drills up down status clean reset demo bench bench-produce bench-process flink-runtime \
	exercise-test exercise-check handout

help: ## List the targets
	@echo "streamlab: Kafka + Spark Structured Streaming lab kit"
	@echo
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

jdk: ## Show the JDK the kit builds and runs with (JAVA_HOME, macOS java_home -v 17, java on PATH)
	@jdk="$$(bin/java-home)" && echo "JDK: $$jdk"

build: $(JDK_STAMP) $(SPARK_STAMP) $(KAFKA_STAMP) $(CDS) ## Build target/streamlab.jar, resolve the Spark and Kafka runtimes, write the class-data archive

# One Maven run makes the shaded jar and copies the Spark runtime (provided scope) next to it; its last step
# touches $(SPARK_STAMP), the time of that package run. The jar itself is replaced only when its content
# changed (pom.xml says why), so make goes by the stamp, and by the jar only when it is missing.
$(SPARK_STAMP): $(SOURCES) $(if $(wildcard $(JAR)),,FORCE)
	@$(WITH_JDK) $(MVN) $(MVN_FLAGS) package -Dmaven.test.skip=true

FORCE:

# The broker runtime (Scala 2.13) has its own pom so it never meets Spark's Scala 2.12.
$(KAFKA_STAMP): conf/kafka-runtime.pom.xml
	@$(WITH_JDK) $(MVN) $(MVN_FLAGS) -f conf/kafka-runtime.pom.xml package
	@touch $(KAFKA_STAMP)

# The Flink reference job of the bench and Flink's runtime (about 60 jars, 80 MB): its own pom, its own folder,
# never on Spark's class path. Only the benchmarks need it, so `make build` (and the tests) do not fetch it.
flink-runtime: $(JDK_STAMP) $(FLINK_STAMP) ## Build the bench's Flink reference job and resolve Flink's runtime into target/runtime/flink

$(FLINK_STAMP): $(FLINK_SOURCES)
	@$(WITH_JDK) $(MVN) $(MVN_FLAGS) -f java/flink-reference/pom.xml package
	@touch $(FLINK_STAMP)

# The class-data archive of the jar (bin/build-cds): a training run on a broker of its own, about 70 s
# after each new jar; after a package run that left the jar as it was, a touch. Without one the kit works
# the same, only slower to start.
$(CDS): $(SPARK_STAMP) $(KAFKA_STAMP) $(JDK_STAMP)
	@bin/build-cds --if-stale || echo "make: no class-data archive (see $(BUILD)/cds/build-cds.log); the kit starts without it, about 3 s slower"

# The first prerequisite of every target that builds or tests, so that a missing or unsupported JDK stops it
# with its one line before anything runs ($(BUILD)/jdk/none is never made). A file, not the phony `jdk`, so
# that `make -q build` can say the build is up to date.
$(JDK_STAMP):
	@bin/java-home >/dev/null && rm -rf $(BUILD)/jdk && mkdir -p $(BUILD)/jdk && touch $@

# Tests: one Maven run of pom.xml. Unit tests (surefire, *Test) before package; the integration tests
# (failsafe, *IT: real servers, child JVMs, bin/ scripts, the jar) after it and after the class-data archive
# (bin/build-cds, in pre-integration-test), so that the run leaves what `make build` makes, up to date.
# TEST_ARGS passes more to Maven, e.g. one class of each kind:
#   make test TEST_ARGS="-Dtest=MainTest -Dit.test=LocalKafkaIT -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false"
TEST_ARGS ?=
test: $(JDK_STAMP) $(KAFKA_STAMP) ## Run all tests (unit, real Kafka broker, real Spark, labs walk-through); drills apart
	@$(WITH_JDK) $(MVN) -B -ntp verify -DexcludedGroups=drill $(TEST_ARGS)

labs-test: $(JDK_STAMP) $(KAFKA_STAMP) ## Walk every lab's README steps as a student would (part of make test)
	@$(WITH_JDK) $(MVN) -B -ntp verify -DskipUTs -Dit.test=LabsWalkthroughIT -Dfailsafe.failIfNoSpecifiedTests=false $(TEST_ARGS)

# The drills are integration tests too; the unit tests ran in make test.
drills: $(JDK_STAMP) $(KAFKA_STAMP) ## Reliability drills: a broker, the KRaft controller, the job or a Spark worker killed; the only broker restarted or frozen, and partition leaders killed, under the job; checkpoint unwritable; broker down at start; fuzzed input; memory bounded (512 MB heap)
	@$(WITH_JDK) $(MVN) -B -ntp verify -DskipUTs -Dgroups=drill $(TEST_ARGS)

demo: build ## The main job on recorded data: local Kafka + Spark local mode + results, then a clean stop
	bin/demo

up: build ## Start ZooKeeper, one Kafka broker, a Spark master and a worker; create the topics
	bin/start-zookeeper
	bin/start-kafka
	bin/create-topics
	bin/start-spark-master
	bin/start-spark-worker

down: ## Stop everything the kit started (Spark, Kafka, ZooKeeper)
	bin/stop-all

status: ## Show what runs (exit 1 when something started is down)
	bin/status

# The exercise track (labs/exercises): N is the exercise number.
N ?=
exercise-test: ## Run exercise N's tests on your class: make exercise-test N=2 (PASS, FAIL or NOT STARTED per test)
	bin/exercise-test $(N)

exercise-check: $(SPARK_STAMP) ## Your exercise N and process on the same input, compared (needs Kafka): make exercise-check N=2
	bin/streamlab exercise check $(N)

handout: ## The kit without the reference solutions, for students: target/handout/streamlab-exercises.tar.gz
	bin/exercise-handout

bench-produce: build ## Benchmark: streamlab produce vs Kafka's ProducerPerformance (needs a running broker)
	bin/bench-produce

bench-process: build flink-runtime ## Benchmark: process catch-up rate and result latency vs Kafka's ConsumerPerformance and a Flink job (needs a running broker)
	bin/bench-process

# Larger sizes: make bench BENCH_ARGS="--count 2000000 --rounds 3" (bin/bench --help lists them).
BENCH_ARGS ?=
bench: build flink-runtime ## All benchmarks in one go on servers of their own (about 19 min): target/bench/results.{md,json}
	bin/bench $(BENCH_ARGS)

clean: ## Remove build output (target/); keeps var/ (state, logs)
	rm -rf $(BUILD)

reset: down ## Stop everything and delete var/ (topics, checkpoints, logs): a fresh platform
	rm -rf var
