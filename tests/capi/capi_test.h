/* The small harness of the plain-C tests of vshop.h (test_capi): checks that count failures and
   name the line, and helpers for (const char *, size_t) literals. */
#ifndef VSHOP_CAPI_TEST_H
#define VSHOP_CAPI_TEST_H

#include <stdio.h>
#include <string.h>

#include "vshop/vshop.h"

extern int capi_failures;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++capi_failures;                                                         \
    }                                                                          \
  } while (0)

/* A call that must return `expected` (a VSHOP_* code). */
#define CHECK_STATUS(call, expected)                                                     \
  do {                                                                                   \
    vshop_status got_ = (call);                                                          \
    if (got_ != (expected)) {                                                            \
      fprintf(stderr, "%s:%d: %s returned %s, expected %s\n", __FILE__, __LINE__, #call, \
              vshop_status_name(got_), vshop_status_name(expected));                     \
      ++capi_failures;                                                                   \
    }                                                                                    \
  } while (0)

/* A string literal as (pointer, length) arguments. */
#define LIT(s) s, (sizeof(s) - 1)

/* Whether `haystack` contains `needle`. */
#define CONTAINS(haystack, needle) (strstr((haystack), (needle)) != NULL)

/* Whether a vshop_string equals a C string. */
int str_is(vshop_string s, const char *text);

/* 2026-05-14T09:00:00Z, a Thursday, and one minute / day in milliseconds. */
#define T0 ((int64_t)1778749200000)
#define MINUTE ((int64_t)60000)
#define DAY ((int64_t)86400000)

/* Shared by the engine tests (test_capi_engine.c): a command that must succeed, dropping the
   pending effects, and the world of stores and experts the tests run in. */
void ok_json(vshop_engine *e, const char *line);
void drain(vshop_engine *e);
vshop_engine *make_world(void);

void test_library(void);
void test_null_handles(void);
void test_engine_lifecycle(void);
void test_engine_commands(void);
void test_engine_outputs(void);
void test_engine_answers(void);
void test_limit_exceeded(void);
void test_store(void);
void test_validator(void);
void test_appointments_contacts(void);
void test_first_version_sizes(void);

#endif
