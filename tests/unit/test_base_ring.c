/*
 * test_base_ring.c — the SPSC PCM ring: order, wrap-around, capacity,
 * discard (a skip), and a producer and a consumer thread passing a
 * counting sequence through it without loss or reordering.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/ring.h"

static void test_order_and_wrap(void **state)
{
    (void)state;
    struct ring *r = ring_new(1000);     // rounds up to 1024
    assert_non_null(r);
    int16_t in[700], out[700];
    int16_t next = 0, want = 0;
    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < 700; i++)
            in[i] = next++;
        assert_int_equal(ring_write(r, in, 700), 700);
        assert_int_equal(ring_used(r), 700);
        assert_int_equal(ring_read(r, out, 700), 700);
        for (int i = 0; i < 700; i++)
            assert_int_equal(out[i], want++);
    }
    assert_int_equal(ring_written(r), 20 * 700);
    assert_int_equal(ring_read_pos(r), 20 * 700);
    ring_free(r);
}

static void test_full_and_empty(void **state)
{
    (void)state;
    struct ring *r = ring_new(1024);
    int16_t buf[2048] = {0};
    assert_int_equal(ring_write(r, buf, 2048), 1024);
    assert_int_equal(ring_space(r), 0);
    assert_int_equal(ring_write(r, buf, 1), 0);
    assert_int_equal(ring_read(r, buf, 2048), 1024);
    assert_int_equal(ring_read(r, buf, 10), 0);
    ring_free(r);
}

static void test_discard(void **state)
{
    (void)state;
    struct ring *r = ring_new(1024);
    int16_t a[100], b[50], out[200];
    for (int i = 0; i < 100; i++)
        a[i] = 1;
    for (int i = 0; i < 50; i++)
        b[i] = 2;
    ring_write(r, a, 100);
    assert_int_equal(ring_read(r, out, 10), 10);
    ring_discard(r);                // a skip: the other 90 are never heard
    ring_write(r, b, 50);
    size_t n = ring_read(r, out, 200);
    assert_int_equal(n, 50);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(out[i], 2);
    // The consumer's clock counts what was cut.
    assert_int_equal(ring_read_pos(r), 150);
    ring_free(r);
}

#define TOTAL 2000000

static void *producer(void *arg)
{
    struct ring *r = arg;
    int16_t chunk[333];
    uint32_t v = 0;
    while (v < TOTAL) {
        size_t n = 0;
        while (n < 333 && v + n < TOTAL) {
            chunk[n] = (int16_t)(v + n);
            n++;
        }
        size_t done = 0;
        while (done < n)
            done += ring_write(r, chunk + done, n - done);
        v += (uint32_t)n;
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    struct ring *r = ring_new(4096);
    pthread_t t;
    pthread_create(&t, NULL, producer, r);
    int16_t out[128];
    uint32_t want = 0;
    int bad = 0;
    while (want < TOTAL) {
        size_t n = ring_read(r, out, 1 + want % 128);
        for (size_t i = 0; i < n; i++, want++)
            bad += out[i] != (int16_t)want;
    }
    pthread_join(t, NULL);
    assert_int_equal(bad, 0);
    ring_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_and_wrap),
        cmocka_unit_test(test_full_and_empty),
        cmocka_unit_test(test_discard),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
