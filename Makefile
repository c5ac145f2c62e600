# Makefile — the short way in.  The build itself is CMake (CMakeLists.txt).
#
#   make run       install what is missing, build, speak the example article
#   make test      install what is missing, build, run the tests, then run
#                  them again built with AddressSanitizer + UBSan
#   make deps      only install the Debian packages (apt-get; sudo if not root)
#   make install   PREFIX=/usr/local DESTDIR= as usual
#   make bench     the benchmarks under bench/ (see docs/BENCHMARKS.md)

PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
EXAMPLE ?= tests/fixtures/seed.html

# Debian 12 packages: the compiler and build tools, the libraries herald
# links, the sound server and tools the tests use.
DEPS = build-essential cmake pkg-config \
       libxml2-dev libespeak-ng-dev espeak-ng-data portaudio19-dev libasound2-dev \
       libcurl4-openssl-dev libsqlite3-dev libsndfile1-dev libjansson-dev \
       libinih-dev libicu-dev libuchardet-dev libexttextcat-dev \
       libcmocka-dev \
       pulseaudio pulseaudio-utils libasound2-plugins \
       espeak-ng sox python3 sqlite3 ca-certificates
DEPS += faketime  # clock jumps under a bulletin schedule (t0504)
DEPS += libsystemd-dev  # sd_notify: herald bulletin as a Type=notify service with a watchdog

.PHONY: all deps build run test test-fast test-asan install clean bench

all: build

deps:
	@missing=""; \
	for p in $(DEPS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' \
	        || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "installing:$$missing"; \
	    sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	    $$sudo apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq \
	        --no-install-recommends $$missing >/dev/null || exit 1; \
	fi

build: deps
	@cmake -S . -B $(BUILD) -DHERALD_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@sh tests/lib/run-example.sh $(BUILD)/herald $(EXAMPLE)

test-fast: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DHERALD_WERROR=ON -DHERALD_SANITIZE=ON \
	    -DCMAKE_BUILD_TYPE=Debug >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=abort_on_error=0:detect_leaks=1:strict_string_checks=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

test: test-fast test-asan

install: build
	DESTDIR=$(DESTDIR) cmake --install $(BUILD) --prefix $(PREFIX)

bench: build
	@sh bench/run-all.sh $(BUILD)/herald

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
