// Reads NDJSON event files (plain or gzip) in chunks of whole lines, judges them on worker threads
// and merges the chunks' results in line order, so counts, examples and invalid lines come out as a
// single ordered pass over the files would give them.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "rules.h"

namespace golive {

struct Config {
  std::vector<std::string> files;
  std::vector<RuleSpec> rules;
  Facts facts;
  int examples = 5;
  int64_t maxInvalid = 1000;
  int64_t maxLineBytes = 32 << 20;
  int threads = 2;
};

struct InvalidLine {
  int64_t line;
  std::string reason;
};

struct FileResult {
  int64_t lines = 0, valid = 0, invalidCount = 0;
  std::vector<InvalidLine> invalid;  // the first maxInvalid
  std::string error;                 // set: the file was not read (and counts nothing)
};

struct Position {
  int64_t file, line;
};

struct RuleTotal {
  int64_t applicable = 0, violations = 0;
  std::vector<std::pair<Position, std::optional<std::string>>> examples;
  // Deferred verdicts (JS judges): (a, b) -> count and first positions.
  std::map<std::pair<std::string, std::string>, std::pair<int64_t, std::vector<Position>>> deferred;
};

struct ScanResult {
  std::vector<FileResult> files;
  std::vector<RuleTotal> rules;
};

ScanResult scan(const Config& config);

}  // namespace golive
