#include "scan.h"

#include <zlib.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_set>

namespace golive {

namespace {

constexpr size_t BLOCK = 8 << 20;  // bytes read per chunk (whole lines are added or carried over)

// Complete lines, '\n'-terminated (the file's last line may not be). `overlong`: one line that was
// too long and was skipped, not stored.
struct Chunk {
  size_t seq = 0;
  std::vector<char> data;
  size_t len = 0;
  bool overlong = false;
  bool fileStart = false;
};

struct ChunkOut {
  std::string error;  // set when the worker failed on this chunk (e.g. out of memory)
  int64_t lines = 0, valid = 0, invalidCount = 0;
  std::vector<InvalidLine> invalid;
  std::vector<RuleAcc> acc;
  std::vector<Journey> journey;
};

const char* const TOO_LONG = "line longer than the maximum line size";

bool blank(const char* p, size_t n) {
  for (size_t i = 0; i < n; i++) if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r') return false;
  return true;
}

// True when the digits (no sign, no leading zeros in valid JSON) do not fit a 64-bit integer.
bool beyond64(const char* digits, size_t n, bool negative) {
  std::string_view limit = negative ? "9223372036854775808" : "18446744073709551615";
  if (n != limit.size()) return n > limit.size();
  return std::string_view(digits, n) > limit;
}

// Integers beyond 64 bits become doubles (".0" appended), as the DuckDB engine reads them; the
// rest of the line is unchanged. Returns false when the line has none.
bool widenBigIntegers(const char* p, size_t n, std::vector<char>& out) {
  out.clear();
  bool inString = false, changed = false;
  for (size_t i = 0; i < n;) {
    char c = p[i];
    if (inString) {
      out.push_back(c);
      if (c == '\\' && i + 1 < n) out.push_back(p[++i]);
      else if (c == '"') inString = false;
      i++;
      continue;
    }
    if (c == '"') { inString = true; out.push_back(c); i++; continue; }
    if (c == '-' || (c >= '0' && c <= '9')) {
      // One whole number token: sign, integer digits, then any fraction and exponent.
      size_t j = i + (c == '-');
      size_t start = j;
      while (j < n && p[j] >= '0' && p[j] <= '9') j++;
      size_t digitsEnd = j;
      bool integer = true;
      if (j < n && p[j] == '.') {
        integer = false;
        for (j++; j < n && p[j] >= '0' && p[j] <= '9'; j++) {}
      }
      if (j < n && (p[j] == 'e' || p[j] == 'E')) {
        integer = false;
        j++;
        if (j < n && (p[j] == '+' || p[j] == '-')) j++;
        while (j < n && p[j] >= '0' && p[j] <= '9') j++;
      }
      out.insert(out.end(), p + i, p + j);
      if (integer && beyond64(p + start, digitsEnd - start, c == '-')) { out.push_back('.'); out.push_back('0'); changed = true; }
      i = j;
      continue;
    }
    out.push_back(c);
    i++;
  }
  return changed;
}

class Worker {
 public:
  Worker(const Config& config, const Judge& judge) : config_(config), judge_(judge) {}

  ChunkOut run(const Chunk& chunk) {
    ChunkOut out;
    out.acc.resize(config_.rules.size());
    if (chunk.overlong) {
      out.lines = 1;
      invalid(out, 1, TOO_LONG);
      return out;
    }
    const char* p = chunk.data.data();
    size_t pos = 0;
    while (pos < chunk.len) {
      const char* nl = static_cast<const char*>(std::memchr(p + pos, '\n', chunk.len - pos));
      size_t end = nl ? size_t(nl - p) : chunk.len;
      line(out, p + pos, end - pos, chunk.fileStart && pos == 0);
      pos = end + 1;
    }
    return out;
  }

 private:
  void invalid(ChunkOut& out, int64_t line, const char* reason) {
    out.invalidCount++;
    if (int64_t(out.invalid.size()) < config_.maxInvalid) out.invalid.push_back({line, reason});
  }

  void line(ChunkOut& out, const char* s, size_t n, bool first) {
    int64_t number = ++out.lines;
    if (n > 0 && s[n - 1] == '\r') n--;
    if (first && n >= 3 && std::memcmp(s, "\xEF\xBB\xBF", 3) == 0) { s += 3; n -= 3; }
    if (int64_t(n) > config_.maxLineBytes) return invalid(out, number, TOO_LONG);
    if (blank(s, n)) return invalid(out, number, "empty line");
    simdjson::dom::element doc;
    auto error = parser_.parse(s, n, false).get(doc);
    if (error == simdjson::NUMBER_ERROR && widenBigIntegers(s, n, wide_)) {
      error = parser_.parse(wide_.data(), wide_.size(), true).get(doc);
    }
    if (error) {
      if (!simdjson::validate_utf8(s, n)) return invalid(out, number, "invalid UTF-8");
      if (std::memchr(s, 0x1F, n)) return invalid(out, number, "raw control character 0x1F in the line");
      return invalid(out, number, "not valid JSON");
    }
    if (doc.type() != element_type::OBJECT) return invalid(out, number, "valid JSON but not an object");
    out.valid++;
    judge_.event(doc, number, out.acc, out.journey, scratch_);
  }

  const Config& config_;
  const Judge& judge_;
  Scratch scratch_;
  simdjson::dom::parser parser_;
  std::vector<char> wide_;
};

// A bounded queue of chunks for the workers and their results, taken back in order.
class Pool {
 public:
  Pool(const Config& config, const Judge& judge) {
    for (int i = 0; i < std::max(1, config.threads); i++) {
      threads_.emplace_back([this, &config, &judge] {
        Worker worker(config, judge);
        for (;;) {
          Chunk chunk;
          {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
            if (queue_.empty()) return;
            chunk = std::move(queue_.front());
            queue_.pop_front();
          }
          ChunkOut out;
          try {
            out = worker.run(chunk);
          } catch (const std::exception& e) {
            out = ChunkOut();
            out.error = e.what();
          }
          std::lock_guard<std::mutex> lock(mutex_);
          done_.emplace(chunk.seq, std::move(out));
          ready_.notify_all();
        }
      });
    }
    limit_ = size_t(std::max(1, config.threads)) * 2;
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
  }
  void push(Chunk chunk) {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(chunk));
    wake_.notify_one();
  }
  // The result of chunk `seq`; waits for it when `wait` or when too many chunks are in flight.
  bool take(size_t seq, size_t pushed, bool wait, ChunkOut& out) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (wait || pushed - seq >= limit_) ready_.wait(lock, [&] { return done_.count(seq) > 0; });
    auto it = done_.find(seq);
    if (it == done_.end()) return false;
    out = std::move(it->second);
    done_.erase(it);
    return true;
  }

 private:
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_, ready_;
  std::deque<Chunk> queue_;
  std::map<size_t, ChunkOut> done_;
  bool stop_ = false;
  size_t limit_ = 4;
};

// Bytes of one file, gzip members decompressed in turn.
class Source {
 public:
  explicit Source(const std::string& path) : file_(std::fopen(path.c_str(), "rb")) {
    if (!file_) { error_ = std::string("cannot read the file: ") + std::strerror(errno); return; }
    unsigned char magic[2];
    size_t got = std::fread(magic, 1, 2, file_);
    gzip_ = got == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    std::rewind(file_);
    if (gzip_) {
      std::memset(&z_, 0, sizeof z_);
      if (inflateInit2(&z_, 15 + 32) != Z_OK) error_ = "cannot start gzip decompression";
      in_.resize(1 << 20);
    }
  }
  ~Source() {
    if (gzip_) inflateEnd(&z_);
    if (file_) std::fclose(file_);
  }
  const std::string& error() const { return error_; }
  // Reads up to `max` bytes into `to`; 0 at the end (or on an error).
  size_t read(char* to, size_t max) {
    if (!error_.empty()) return 0;
    size_t got = gzip_ ? inflateSome(to, max) : std::fread(to, 1, max, file_);
    if (!gzip_ && got < max && std::ferror(file_)) error_ = std::string("cannot read the file: ") + std::strerror(errno);
    return got;
  }

 private:
  // As Node's gunzip: members in turn, zero bytes after the last one ignored, anything else an error.
  size_t inflateSome(char* to, size_t max) {
    z_.next_out = reinterpret_cast<Bytef*>(to);
    z_.avail_out = uInt(max);
    while (z_.avail_out > 0) {
      if (memberDone_) while (z_.avail_in > 0 && *z_.next_in == 0) { z_.next_in++; z_.avail_in--; }
      if (z_.avail_in == 0) {
        size_t got = std::fread(in_.data(), 1, in_.size(), file_);
        if (got == 0) break;
        z_.next_in = in_.data();
        z_.avail_in = uInt(got);
        continue;
      }
      int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        memberDone_ = true;
        inflateReset(&z_);  // another gzip member may follow
      } else if (rc == Z_OK || rc == Z_BUF_ERROR) {
        memberDone_ = false;
      } else {
        return corrupt(z_.msg != nullptr ? z_.msg : "corrupt data");
      }
    }
    if (std::ferror(file_)) error_ = std::string("cannot read the file: ") + std::strerror(errno);
    else if (max - z_.avail_out == 0 && !memberDone_) return corrupt("unexpected end of file");
    return max - z_.avail_out;
  }

  // The same words as the JS check (gzip.ts gzipProblem), with zlib's reason.
  size_t corrupt(const std::string& reason) {
    error_ = "truncated or corrupt gzip (" + reason + "); the file was not validated";
    return 0;
  }

  std::FILE* file_;
  bool gzip_ = false;
  bool memberDone_ = false;  // the last gzip member read so far ended properly
  z_stream z_;
  std::vector<unsigned char> in_;
  std::string error_;
};

// One file's totals until it is read whole (a failed file adds nothing).
struct FileTotals {
  FileResult file;
  std::vector<RuleTotal> rules;
  KeySet adds;
};

class Merger {
 public:
  Merger(const Config& config, int64_t f, const KeySet& adds, FileTotals& totals)
      : config_(config), f_(f), adds_(adds), t_(totals) {
    t_.rules.resize(config.rules.size());
    for (size_t i = 0; i < config.rules.size(); i++) if (config.rules[i].kind == Kind::ConfirmAfterAdd) confirm_ = int(i);
  }

  void merge(ChunkOut& out) {
    if (!out.error.empty()) throw std::runtime_error("the native validator failed: " + out.error);
    int64_t base = t_.file.lines;
    t_.file.lines += out.lines;
    t_.file.valid += out.valid;
    t_.file.invalidCount += out.invalidCount;
    for (auto& bad : out.invalid) {
      if (int64_t(t_.file.invalid.size()) >= config_.maxInvalid) break;
      t_.file.invalid.push_back({base + bad.line, std::move(bad.reason)});
    }
    for (size_t i = 0; i < out.acc.size(); i++) rule(t_.rules[i], out.acc[i], base);
    for (auto& j : out.journey) journey(j, base);
  }

 private:
  void rule(RuleTotal& total, RuleAcc& acc, int64_t base) {
    total.applicable += acc.applicable;
    total.violations += acc.violations;
    for (auto& e : acc.examples) {
      if (int(total.examples.size()) >= config_.examples) break;
      total.examples.push_back({{f_, base + e.line}, std::move(e.value)});
    }
    for (auto& [key, d] : acc.deferred) {
      auto& slot = total.deferred[{d.a, d.b}];
      slot.first += d.count;
      for (int64_t line : d.lines) {
        if (int(slot.second.size()) >= config_.examples) break;
        slot.second.push_back({f_, base + line});
      }
    }
  }

  bool added(const Key& key) const { return adds_.has(key) || t_.adds.has(key); }

  // ADDs and CONFIRMs in line order: a CONFIRM item is missing without an earlier ADD of it by the same browser.
  void journey(Journey& j, int64_t base) {
    if (j.add) {
      if (j.keyed) t_.adds.insert(j.key);
      return;
    }
    if (confirm_ < 0) return;
    if (j.items.empty()) j.items.push_back(std::nullopt);
    std::vector<std::optional<std::string>> missing;
    for (size_t i = 0; i < j.items.size(); i++) {
      auto& item = j.items[i];
      bool none = !item.has_value() || item->empty();
      if (none) missing.push_back(std::nullopt);
      else if (!j.hasBrowser || !added(j.keys[i])) missing.push_back(item);
    }
    if (missing.empty()) return;
    std::stable_sort(missing.begin(), missing.end(), [](const auto& a, const auto& b) {
      if (!a.has_value()) return false;
      if (!b.has_value()) return true;
      return *a < *b;
    });
    RuleTotal& total = t_.rules[size_t(confirm_)];
    total.violations++;
    if (int(total.examples.size()) >= config_.examples) return;
    std::string value = "no earlier ADD for item_id ";
    for (size_t i = 0; i < missing.size(); i++) {
      if (i) value += ", ";
      value += missing[i].has_value() ? *missing[i] : std::string("(no item_id)");
    }
    total.examples.push_back({{f_, base + j.line}, value});
  }

  const Config& config_;
  int64_t f_;
  const KeySet& adds_;
  FileTotals& t_;
  int confirm_ = -1;
};

// Reads one file into totals; false (with totals.file.error) when it could not be read whole.
bool scanFile(const Config& config, const Judge& judge, int64_t f, const KeySet& adds, FileTotals& totals) {
  Source source(config.files[size_t(f)]);
  if (!source.error().empty()) { totals.file.error = source.error(); return false; }
  Pool pool(config, judge);
  Merger merger(config, f, adds, totals);
  size_t pushed = 0, merged = 0;
  auto drain = [&](bool all) {
    ChunkOut out;
    while (merged < pushed && pool.take(merged, pushed, all, out)) { merger.merge(out); merged++; }
  };
  auto emit = [&](std::vector<char>&& data, size_t len, bool overlong) {
    Chunk chunk;
    chunk.seq = pushed++;
    chunk.fileStart = chunk.seq == 0;
    chunk.len = len;
    chunk.overlong = overlong;
    chunk.data = std::move(data);
    if (chunk.data.size() < len + simdjson::SIMDJSON_PADDING) chunk.data.resize(len + simdjson::SIMDJSON_PADDING);
    pool.push(std::move(chunk));
    drain(false);
  };
  constexpr size_t PAD = simdjson::SIMDJSON_PADDING;
  std::vector<char> buf(BLOCK + PAD);
  size_t have = 0;        // bytes in buf: a partial line carried over, then what was read
  bool skipping = false;  // inside a line longer than the maximum: drop bytes up to its end
  // A partial line is only dropped once it is too long even without its CR and the file's BOM,
  // which the workers strip before they compare (so where a read ends never changes the verdict).
  const int64_t dropAbove = config.maxLineBytes + 4;
  for (;;) {
    if (buf.size() < have + BLOCK + PAD) buf.resize(have + BLOCK + PAD);
    size_t from = have;
    size_t got = source.read(buf.data() + have, BLOCK);
    if (got == 0) break;
    have += got;
    if (skipping) {
      const char* nl = static_cast<const char*>(std::memchr(buf.data() + from, '\n', have - from));
      if (nl == nullptr) { have = 0; continue; }
      size_t after = size_t(nl - buf.data()) + 1;
      std::memmove(buf.data(), buf.data() + after, have - after);
      have -= after;
      skipping = false;
      emit({}, 0, true);
    }
    const char* last = static_cast<const char*>(memrchr(buf.data(), '\n', have));
    if (last == nullptr) {
      if (int64_t(have) > dropAbove) { have = 0; skipping = true; }
      continue;
    }
    size_t cut = size_t(last - buf.data()) + 1;
    std::vector<char> next(have - cut + BLOCK + PAD);
    std::memcpy(next.data(), buf.data() + cut, have - cut);
    emit(std::move(buf), cut, false);
    buf = std::move(next);
    have -= cut;
    if (int64_t(have) > dropAbove) { have = 0; skipping = true; }
  }
  if (skipping) emit({}, 0, true);
  else if (have > 0) emit(std::move(buf), have, false);
  drain(true);
  if (!source.error().empty()) { totals.file.error = source.error(); return false; }
  return true;
}

}  // namespace

ScanResult scan(const Config& config) {
  ScanResult result;
  result.rules.resize(config.rules.size());
  Judge judge(config.rules, config.facts, config.examples);
  KeySet adds;
  for (size_t f = 0; f < config.files.size(); f++) {
    FileTotals totals;
    if (!scanFile(config, judge, int64_t(f), adds, totals)) {
      result.files.push_back({0, 0, 0, {}, totals.file.error});
      continue;
    }
    result.files.push_back(std::move(totals.file));
    adds.merge(totals.adds);
    for (size_t i = 0; i < config.rules.size(); i++) {
      RuleTotal& into = result.rules[i];
      RuleTotal& from = totals.rules[i];
      into.applicable += from.applicable;
      into.violations += from.violations;
      for (auto& e : from.examples) if (int(into.examples.size()) < config.examples) into.examples.push_back(std::move(e));
      for (auto& [key, d] : from.deferred) {
        auto& slot = into.deferred[key];
        slot.first += d.first;
        for (auto& p : d.second) if (int(slot.second.size()) < config.examples) slot.second.push_back(p);
      }
    }
  }
  return result;
}

}  // namespace golive
