// The (browser_id, item_id) pairs of ADD events, kept as 128-bit hashes in an open-addressing table:
// no allocation per ADD and hashing on the worker threads, so confirm-after-add stays cheap on the
// thread that merges chunks in order. Two independent 64-bit hashes make a false "added" (a
// collision) about 1 in 10^20 for 10^9 pairs.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace golive {

struct Key {
  uint64_t a = 0, b = 0;
  bool operator==(const Key& o) const { return a == o.a && b == o.b; }
};

// The key of a (browser, item) pair.
Key journeyKey(std::string_view browser, std::string_view item);

class KeySet {
 public:
  bool has(const Key& k) const;
  void insert(const Key& k);
  void merge(const KeySet& other);

 private:
  void grow();
  std::vector<Key> slots_;  // a == 0 && b == 0 marks a free slot (a real key never hashes to both 0)
  size_t size_ = 0;
};

}  // namespace golive
