#include "keys.h"

#include <functional>

namespace golive {

namespace {
// A 64-bit mix (splitmix64's finaliser) over the bytes, with a seed: two seeds give two hashes.
uint64_t hashBytes(std::string_view s, uint64_t seed) {
  uint64_t h = seed ^ (s.size() * 0x9E3779B97F4A7C15ULL);
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    __builtin_memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 31;
  }
  uint64_t tail = 0;
  for (size_t j = 0; i < s.size(); i++, j++) tail |= uint64_t(static_cast<unsigned char>(s[i])) << (8 * j);
  h = (h ^ tail) * 0x94D049BB133111EBULL;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 32);
}
}  // namespace

Key journeyKey(std::string_view browser, std::string_view item) {
  uint64_t a = hashBytes(browser, 0x243F6A8885A308D3ULL), b = hashBytes(browser, 0x13198A2E03707344ULL);
  a = hashBytes(item, a);
  b = hashBytes(item, b ^ 0xA4093822299F31D0ULL);
  if (a == 0 && b == 0) a = 1;
  return {a, b};
}

bool KeySet::has(const Key& k) const {
  if (slots_.empty()) return false;
  size_t mask = slots_.size() - 1;
  for (size_t i = size_t(k.a) & mask;; i = (i + 1) & mask) {
    const Key& s = slots_[i];
    if (s == k) return true;
    if (s.a == 0 && s.b == 0) return false;
  }
}

void KeySet::insert(const Key& k) {
  if ((size_ + 1) * 2 > slots_.size()) grow();
  size_t mask = slots_.size() - 1;
  for (size_t i = size_t(k.a) & mask;; i = (i + 1) & mask) {
    Key& s = slots_[i];
    if (s == k) return;
    if (s.a == 0 && s.b == 0) {
      s = k;
      size_++;
      return;
    }
  }
}

void KeySet::grow() {
  std::vector<Key> old;
  old.swap(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, Key{});
  size_ = 0;
  for (const Key& k : old) if (k.a != 0 || k.b != 0) insert(k);
}

void KeySet::merge(const KeySet& other) {
  for (const Key& k : other.slots_) if (k.a != 0 || k.b != 0) insert(k);
}

}  // namespace golive
