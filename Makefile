# Makefile — the short way in.  The build itself is CMake (CMakeLists.txt).
#
#   make run       install what is missing, build, speak the example article
#   make test      install what is missing, build, run the tests, then run
#                  them again built with AddressSanitizer + UBSan
#   make deps      only install the Debian packages (apt-get; sudo if not root)
#   make install   PREFIX=/usr/local DESTDIR= as usual
#   make bench     the benchmarks under bench/ (see docs/BENCHMARKS.md)
#   make fuzz      build the libFuzzer harnesses (clang) in build-fuzz
#   make fuzz-run SECONDS=N   run each harness N seconds (docs/FUZZING.md)
#   make deb       herald_VERSION_ARCH.deb here, built in a temporary copy

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
DEPS += libtagc0-dev  # MP3 tags (ID3v2) in UTF-8
DEPS += python3-mutagen libimage-exiftool-perl  # tests: tags read back by others' readers
DEPS += python3-feedparser libxml2-utils  # tests: the podcast feed as apps parse it, xmllint
DEPS += mpg123 opus-tools  # tests: MP3 and Opus exports decoded by decoders herald does not write with
DEPS += procps  # tests: ps, to wait for an export's workers to end
DEPS += clang libclang-rt-14-dev llvm  # libFuzzer harnesses (make fuzz, fuzz/smoke); llvm-symbolizer for their traces
DEPS += libmecab-dev mecab-ipadic-utf8  # Japanese kanji read as kana (MeCab, IPA dictionary)
DEPS += faketime  # clock jumps under a bulletin schedule (t0504)
DEPS += debhelper dpkg-dev fakeroot lintian git  # make deb, and its test
DEPS += bash-completion zsh fish  # the completion scripts' test
DEPS += libsystemd-dev  # sd_notify: herald bulletin as a Type=notify service with a watchdog

.PHONY: all deps build run test test-fast test-asan install clean bench deb
.PHONY: fuzz fuzz-run
FUZZ_BUILD ?= build-fuzz
SECONDS ?= 60

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

deb: deps
	@sh debian/build-deb.sh $(CURDIR)

bench: build
	@sh bench/run-all.sh $(BUILD)/herald

fuzz: deps
	@CC=clang cmake -S . -B $(FUZZ_BUILD) -DHERALD_FUZZ=ON \
	    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzzers

fuzz-run: fuzz
	sh tests/fuzz/run.sh $(FUZZ_BUILD) $(SECONDS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
