/* examples/c: a plain C99 host of vshop through its C ABI (vshop.h).
 *
 *   vshop_example_c SCENARIO.jsonl
 *
 * Reads a docs/reference.md §11 scenario (one JSON command per line), advances the engine to
 * each deadline that falls before the next command, applies the command with
 * vshop_engine_apply_json, then prints the effects as canonical JSON Lines, and a rejected
 * command as {"line":N,"error":..,"message":..}: byte for byte what `vshop simulate SCENARIO`
 * prints. Exit status: 0, or 2 when the file cannot be read or the library fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vshop/vshop.h"

/* The longest command line: a longer one is rejected as `vshop simulate` does (1 MiB). */
#define MAX_LINE_BYTES ((size_t)1 << 20)

static int fail(const char *what, vshop_engine *engine) {
  fprintf(stderr, "vshop_example_c: %s: %s\n", what, vshop_engine_last_error(engine));
  return 2;
}

/* Writes the pending effects (JSON Lines) to stdout. */
static int print_effects(vshop_engine *engine) {
  const char *text = NULL;
  size_t len = 0;
  if (vshop_engine_drain_effects_json(engine, &text, &len) != VSHOP_OK) {
    return fail("drain effects", engine);
  }
  fwrite(text, 1, len, stdout);
  return 0;
}

/* Fires every timer due at or before `at_ms`, one deadline at a time. The effects stay in the
   engine until the command has run: like the engine's own move to `at_ms`, the loop stops when
   the outbox is full (an advance fails with limit_exceeded), and the command then reports it. */
static int advance_to(vshop_engine *engine, int64_t at_ms) {
  for (;;) {
    int64_t deadline = 0;
    int has = 0;
    if (vshop_engine_next_deadline(engine, &deadline, &has) != VSHOP_OK) {
      return fail("next deadline", engine);
    }
    if (!has || deadline > at_ms) return 0;
    if (vshop_engine_advance(engine, deadline) != VSHOP_OK) return 0;
  }
}

static int is_blank(const char *line, size_t len) {
  size_t i;
  for (i = 0; i < len; ++i) {
    if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') return 0;
  }
  return 1;
}

/* Applies one non-blank line (number `number`) and prints what it caused. */
static int run_line(vshop_engine *engine, const char *line, size_t len, unsigned long number) {
  vshop_status status;
  int64_t at = 0;
  int has_at = 0;
  if (len > MAX_LINE_BYTES) {
    /* The same rejection as `vshop simulate` (nothing reaches the engine). */
    printf(
        "{\"line\":%lu,\"error\":\"invalid_argument\",\"message\":\"line of %lu bytes, over "
        "the limit of %lu bytes\"}\n",
        number, (unsigned long)len, (unsigned long)MAX_LINE_BYTES);
    return 0;
  }
  if (len > 0 && line[len - 1] == '\r') --len;
  /* The clock moves only for a line the engine's reader accepts, as in `vshop simulate`. */
  if (vshop_command_at(line, len, &at, &has_at) == VSHOP_OK && has_at) {
    if (advance_to(engine, at) != 0) return 2;
  }
  status = vshop_engine_apply_json(engine, line, len);
  if (print_effects(engine) != 0) return 2;
  if (status != VSHOP_OK) {
    const char *error = NULL;
    size_t error_len = 0;
    if (vshop_engine_error_line_json(engine, number, &error, &error_len) != VSHOP_OK) {
      return fail("error line", engine);
    }
    fwrite(error, 1, error_len, stdout);
    fputc('\n', stdout);
  }
  return 0;
}

int main(int argc, char **argv) {
  FILE *in;
  vshop_engine *engine = NULL;
  vshop_engine_options options = VSHOP_ENGINE_OPTIONS_INIT;
  char *buffer = NULL;
  size_t capacity = 0, len = 0;
  unsigned long number = 0;
  int c, result = 0;

  if (argc != 2) {
    fprintf(stderr, "usage: vshop_example_c SCENARIO.jsonl\n");
    return 2;
  }
  if (strcmp(vshop_version(), VSHOP_VERSION_STRING) != 0) {
    fprintf(stderr, "vshop_example_c: built for vshop %s, running %s\n", VSHOP_VERSION_STRING,
            vshop_version());
    return 2;
  }
  in = fopen(argv[1], "rb");
  if (in == NULL) {
    fprintf(stderr, "vshop_example_c: cannot open %s\n", argv[1]);
    return 2;
  }
  if (vshop_engine_new(&engine, &options) != VSHOP_OK) {
    fclose(in);
    return fail("new engine", NULL);
  }
  /* Reads line by line (any length), then runs each non-blank one. */
  for (;;) {
    c = fgetc(in);
    if (c != EOF && c != '\n') {
      if (len + 1 >= capacity) {
        char *grown = realloc(buffer, capacity == 0 ? 4096 : capacity * 2);
        if (grown == NULL) {
          result = 2;
          break;
        }
        buffer = grown;
        capacity = capacity == 0 ? 4096 : capacity * 2;
      }
      buffer[len++] = (char)c;
      continue;
    }
    if (c == EOF && len == 0) break;
    ++number;
    if (!is_blank(buffer, len)) {
      result = run_line(engine, buffer, len, number);
      if (result != 0) break;
    }
    len = 0;
    if (c == EOF) break;
  }
  if (ferror(in)) {
    fprintf(stderr, "vshop_example_c: error while reading %s\n", argv[1]);
    result = 2;
  }
  free(buffer);
  fclose(in);
  vshop_engine_free(engine);
  return result;
}
